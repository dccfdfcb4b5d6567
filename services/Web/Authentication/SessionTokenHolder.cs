using System.Security.Claims;

namespace BillingOne.Web.Authentication;

/// <summary>
/// The gateway session token of whoever this DI scope serves, for <see cref="Api.GatewayClient"/> to send.
/// HttpContext exists only while an HTTP request runs, not later inside an interactive circuit, so the token is
/// captured once per scope: from the request's user for plain HTTP endpoints and static pages
/// (<see cref="AuthenticationExtensions.UseSessionTokenCapture"/>), and from the circuit's authentication state
/// when a circuit opens (<see cref="SessionTokenCircuitHandler"/>).
/// </summary>
public sealed class SessionTokenHolder
{
    public string? Token { get; private set; }

    /// <summary>The gateway refused <see cref="Token"/>; stays set so that a listener subscribing late still learns it.</summary>
    public bool HasExpired { get; private set; }

    /// <summary>Raised when the gateway refused the token (expired, or the user was disabled), so the UI can send
    /// the user to sign in again.</summary>
    public event Action? Expired;

    public void Capture(ClaimsPrincipal user)
    {
        var token = user.FindFirstValue(SessionClaims.SessionToken);
        // A new token (a reconnection after signing in again) is a new session.
        HasExpired &= token == Token;
        Token = token;
    }

    public void ReportExpired()
    {
        HasExpired = true;
        Expired?.Invoke();
    }
}
