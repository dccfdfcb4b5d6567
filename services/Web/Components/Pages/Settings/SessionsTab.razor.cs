using BillingOne.Web.Api;

namespace BillingOne.Web.Components.Pages.Settings;

/// <summary>
/// Settings → Sessions: the signed-in user's browsers, with the one in use marked. Any other can be signed out, one
/// at a time or all at once; the list is reloaded afterwards, so it shows what the identity service now holds.
/// </summary>
public sealed partial class SessionsTab : GatewayComponentBase
{
    private IReadOnlyList<MySession>? sessions;
    private ApiProblem? loadProblem;
    private ApiProblem? endProblem;
    private string? status;
    private bool isEnding;
    private bool confirmingEndOthers;

    private bool HasOtherSessions => sessions!.Any(session => !session.Current);

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        var loaded = await CallAsync(Gateway.GetMySessionsAsync);
        sessions = loaded.Value;
        loadProblem = loaded.Problem;
    }

    private async Task EndAsync(Guid sessionId)
    {
        var ended = await EndingAsync(cancellationToken => Gateway.EndMySessionAsync(sessionId, cancellationToken));
        if (ended)
        {
            status = "Session signed out.";
        }
    }

    private async Task EndOthersAsync()
    {
        var endedCount = 0;
        var ended = await EndingAsync(async cancellationToken =>
            endedCount = (await Gateway.EndMyOtherSessionsAsync(cancellationToken)).EndedSessions);
        confirmingEndOthers = false;
        if (ended)
        {
            status = $"{endedCount} other session(s) signed out.";
        }
    }

    /// <summary>Runs an ending call, shows its problem if any, and reloads the list; whether it succeeded.</summary>
    private async Task<bool> EndingAsync(Func<CancellationToken, Task> end)
    {
        status = null;
        isEnding = true;
        var outcome = await CallAsync(end);
        isEnding = false;
        endProblem = outcome.Problem;
        await LoadAsync();
        return outcome.Succeeded;
    }
}
