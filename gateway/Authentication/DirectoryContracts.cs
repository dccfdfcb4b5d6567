namespace BillingOne.Gateway.Authentication;

// The identity service's internal auth API (security.md), as the gateway reads it.

/// <summary>Body of <c>POST /internal/auth/api-keys/verify</c>.</summary>
public sealed record ApiKeyVerificationRequest(string Key);

/// <summary>200 answer of <c>POST /internal/auth/api-keys/verify</c>: the key is enabled and not revoked.</summary>
public sealed record VerifiedApiKey(Guid KeyId, Guid OrgId, string Role, Guid? ClientId, string Name);

/// <summary>
/// Body of <c>POST /internal/auth/sign-in</c>: the caller's credentials, the organization if they had to choose one,
/// and the address the gateway saw them at (failures are throttled per address). <see cref="UserAgent"/>: the
/// browser's, kept with the session for the user's Sessions page (null when the caller sent none).
/// </summary>
public sealed record SignInRequest(string Email, string Password, string Source, Guid? OrganizationId,
    string? UserAgent = null);

/// <summary>
/// 200 answer of <c>POST /internal/auth/sign-in</c> (and of its two-factor step): the user and the session opened for
/// them. <see cref="TwoFactorEnrollmentRequired"/>: the organization requires two-factor and the user has none yet.
/// </summary>
public sealed record OpenedSession(Guid Id, string Name, string Email, Guid OrgId, string Role, Guid SessionId,
    DateTimeOffset SessionExpiresAt, bool TwoFactorEnrollmentRequired = false)
{
    public DirectoryUser User => new(Id, Name, Email, OrgId, Role);
}

/// <summary>
/// A user as <c>GET /internal/auth/sessions/{sessionId}</c> answer it, with the
/// role they have now. <see cref="Enabled"/> false (or a 401/403/404 answer) means the user may no longer act.
/// <see cref="ClientScope"/> is the client the user scoped the session to, if any.
/// </summary>
public sealed record DirectoryUser(Guid Id, string Name, string Email, Guid OrgId, string Role, bool Enabled = true,
    Guid? ClientScope = null, bool TwoFactorEnrollmentRequired = false);

/// <summary>202 answer of <c>POST /internal/auth/sign-in</c>: the password is right, the user's code is next.</summary>
public sealed record TwoFactorChallenge(Guid ChallengeId, DateTimeOffset ExpiresAt);

/// <summary>Body of <c>POST /internal/auth/sign-in/two-factor</c>.</summary>
public sealed record TwoFactorSignInRequest(Guid ChallengeId, string Code, string Source, string? UserAgent = null);
