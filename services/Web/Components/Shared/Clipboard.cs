using Microsoft.JSInterop;

namespace BillingOne.Web.Components.Shared;

/// <summary>The browser's clipboard, which needs a secure context and the user's permission.</summary>
public static class Clipboard
{
    /// <returns>Whether the text is on the clipboard; when it is not, the page offers the text to copy by hand.</returns>
    public static async Task<bool> TryCopyAsync(this IJSRuntime js, string text, CancellationToken cancellationToken)
    {
        try
        {
            await js.InvokeVoidAsync("navigator.clipboard.writeText", cancellationToken, text);
            return true;
        }
        catch (JSException)
        {
            return false;
        }
    }
}
