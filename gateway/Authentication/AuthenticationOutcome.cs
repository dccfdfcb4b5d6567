using BillingOne.BuildingBlocks.Security;

namespace BillingOne.Gateway.Authentication;

/// <summary>The result of checking a credential.</summary>
public abstract record AuthenticationOutcome
{
    /// <summary>
    /// The credential is good; <paramref name="Caller"/> goes into the internal token. <paramref name="EnrollmentOnly"/>:
    /// a session whose organization requires two-factor of a user who has none, which may only set it up.
    /// </summary>
    public sealed record Authenticated(InternalTokenClaims Caller, bool EnrollmentOnly = false) : AuthenticationOutcome;

    /// <summary>The credential is not (or no longer) good: 401.</summary>
    public sealed record Refused(string Reason) : AuthenticationOutcome;

    /// <summary>The credential could not be checked (the identity service is down): 503, and never cached.</summary>
    public sealed record Unavailable(string Reason) : AuthenticationOutcome;
}
