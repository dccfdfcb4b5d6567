using Microsoft.Playwright;

namespace BillingOne.BrowserDriver;

/// <summary>Signing in to the web UI through its sign-in page, as a person does.</summary>
public static class WebSignIn
{
    /// <summary>
    /// Signs in on the sign-in page at <paramref name="origin"/> (the gateway's address) until the page shows
    /// <paramref name="next"/> (by default the signed-in user). The gateway allows one address 10 sign-ins a minute: a
    /// refused attempt shows when to try again, and is tried again as a person would, within two windows.
    /// </summary>
    public static async Task SignInAsync(IPage page, Uri origin, string email, string password, ILocator? next = null)
    {
        next ??= page.GetByTestId("current-user");
        for (var attempt = 1; ; attempt++)
        {
            await page.GotoAsync(new Uri(origin, "sign-in").ToString());
            await page.GetByTestId("sign-in-email").FillAsync(email);
            await page.GetByTestId("sign-in-password").FillAsync(password);
            await page.GetByTestId("sign-in-submit").ClickAsync();
            await next.Or(page.GetByTestId("sign-in-retry")).First.WaitForAsync();
            if (await next.First.IsVisibleAsync() || attempt == 6)
            {
                return;
            }
            await Task.Delay(TimeSpan.FromSeconds(20));
        }
    }
}
