using System.ComponentModel;
using BillingOne.Identity.Data;
using BillingOne.Identity.Domain;

namespace BillingOne.Identity.Apis;

public sealed record VerifyApiKeyRequest([property: Description("The plain key the caller presented.")] string? Key);

public sealed record ApiKeyVerification(Guid KeyId, Guid OrgId, string Role, Guid? ClientId, string Name)
{
    public static ApiKeyVerification From(ApiKey key) => new(key.Id, key.OrgId, key.Role, key.ClientId, key.Name);
}

public sealed record SignInRequest(
    string? Email,
    string? Password,
    [property: Description("The caller's address as the gateway saw it; failed sign-ins are throttled per address.")]
    string? Source,
    [property: Description("The organization to sign in to; needed only after a 409 listing several.")]
    Guid? OrganizationId,
    [property: Description(SignInRequest.UserAgentDescription)]
    string? UserAgent = null)
{
    internal const string UserAgentDescription = "The browser's User-Agent, kept with the session for the user's " +
        "Sessions page; longer than 512 characters is cut, none is fine.";
}

/// <summary>The signed-in user and the session the gateway's token names.</summary>
public sealed record SignedInUser(Guid Id, string Name, string Email, Guid OrgId, string Role, Guid SessionId,
    DateTimeOffset SessionExpiresAt,
    [property: Description("The organization requires two-factor and the user has none: the session may only set it up.")]
    bool TwoFactorEnrollmentRequired = false)
{
    public static SignedInUser From(User user, Session session, bool twoFactorEnrollmentRequired) =>
        new(user.Id, user.Name, user.Email, user.OrgId, user.Role, session.Id, session.ExpiresAt,
            twoFactorEnrollmentRequired);
}

/// <summary>202 answer of a sign-in whose password was right for a user with two-factor on: the code is next.</summary>
public sealed record TwoFactorChallengeResponse(
    [property: Description("Names this sign-in in the code step; good until `expiresAt` and for a few wrong codes.")]
    Guid ChallengeId,
    DateTimeOffset ExpiresAt);

public sealed record TwoFactorSignInRequest(
    [property: Description("The challengeId the password step answered.")] Guid? ChallengeId,
    [property: Description("The 6-digit code of the user's authenticator app.")] string? Code,
    [property: Description("The caller's address as the gateway saw it; wrong codes are throttled per address like wrong passwords.")]
    string? Source,
    [property: Description(SignInRequest.UserAgentDescription)]
    string? UserAgent = null);

/// <summary>What a session re-check needs: whether the user may still act, as what, and for which client.</summary>
public sealed record SessionUser(Guid Id, string Name, string Email, Guid OrgId, string Role, bool Enabled,
    [property: Description("The client the user scoped the session to; null for the whole organization.")]
    Guid? ClientScope,
    [property: Description("The organization requires two-factor and the user has none yet: the session may only set it up.")]
    bool TwoFactorEnrollmentRequired)
{
    public static SessionUser From(CheckedSession session) => new(session.User.Id, session.User.Name,
        session.User.Email, session.User.OrgId, session.User.Role, session.User.Enabled, session.ClientScope,
        session.TwoFactorEnrollmentRequired);
}

public sealed record OrganizationChoiceResponse(Guid Id, string Name)
{
    public static OrganizationChoiceResponse From(OrganizationChoice choice) => new(choice.Id, choice.Name);
}
