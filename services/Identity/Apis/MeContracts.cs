using System.ComponentModel;
using BillingOne.Identity.Data;
using BillingOne.Identity.Domain;

namespace BillingOne.Identity.Apis;

/// <summary>The signed-in user's own profile (Settings → Profile).</summary>
public sealed record MeResponse(
    Guid Id,
    string Name,
    [property: Description("The sign-in identity; only an admin changes it, on the Team page.")] string Email,
    [property: Description("owner, admin, finance or read-only.")] string Role,
    [property: Description("The client this session is scoped to; both members null for the whole organization.")]
    ClientScopeResponse ClientScope,
    string OrganizationName,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastSignInAt)
{
    public static MeResponse From(User user, string organizationName, ClientScopeResponse clientScope) => new(
        user.Id, user.Name, user.Email, user.Role, clientScope, organizationName, user.CreatedAt, user.LastSignInAt);
}

/// <summary>Failed sign-ins on the user's account in the last day (Security notice).</summary>
public sealed record FailedSignInsResponse(
    [property: Description("Failed sign-ins on the account's email from every address in the last 24 hours.")] int Count,
    DateTimeOffset LastFailedAt,
    [property: Description("Until when sign-ins from addresses the user has not signed in from lately wait; null when they don't.")]
    DateTimeOffset? AccountThrottledUntil)
{
    public static FailedSignInsResponse From(FailedSignIns failed) =>
        new(failed.Count, failed.LastFailedAt, failed.AccountThrottledUntil);
}

public sealed record UpdateMeRequest([property: Description("New display name, 1–200 characters.")] string? Name);

public sealed record ChangePasswordRequest(
    [property: Description("The password the user signs in with now.")] string? CurrentPassword,
    [property: Description("The new password, at least 12 characters.")] string? NewPassword);

/// <summary>How many of the user's other sessions a change ended.</summary>
public sealed record EndedSessionsResponse(int EndedSessions);

public sealed record MySessionResponse(
    Guid Id,
    DateTimeOffset CreatedAt,
    [property: Description("Moved forward at most once a minute.")] DateTimeOffset LastSeenAt,
    [property: Description("When the session ends whatever happens; it ends earlier after the idle timeout.")]
    DateTimeOffset ExpiresAt,
    [property: Description("The address it signed in from, as the gateway saw it; null for sessions older than this record.")]
    string? IpAddress,
    [property: Description("True for the session making this request.")] bool Current,
    [property: Description("The browser's User-Agent at sign-in; null when it sent none or for older sessions.")]
    string? UserAgent)
{
    public static MySessionResponse From(UserSession session, Guid? currentSessionId) => new(session.Id,
        session.CreatedAt, session.LastSeenAt, session.ExpiresAt, session.Source, session.Id == currentSessionId,
        session.UserAgent);
}

/// <summary>The signed-in user's two-factor state (Settings → Security).</summary>
public sealed record TwoFactorStatusResponse(
    [property: Description("Sign-in asks for an authenticator code.")] bool Enabled,
    DateTimeOffset? EnabledAt,
    [property: Description("An enrollment waits for its first code.")] bool Pending,
    [property: Description("The organization requires two-factor of every user.")] bool RequiredByOrganization)
{
    public static TwoFactorStatusResponse From(TwoFactorStatus status) =>
        new(status.Enabled, status.EnabledAt, status.Pending, status.RequiredByOrganization);
}

/// <summary>A new authenticator secret, shown once.</summary>
public sealed record TwoFactorEnrollmentResponse(
    [property: Description("The secret in base32, to type into an authenticator app.")] string Secret,
    [property: Description("otpauth://totp/ URI with the secret, issuer and parameters, for a QR code.")] string OtpAuthUri);

public sealed record TwoFactorCodeRequest(
    [property: Description("The 6 digits the authenticator app shows.")] string? Code);

public sealed record DisableTwoFactorRequest(
    [property: Description("A current authenticator code; or give `password`.")] string? Code,
    [property: Description("The user's password; or give `code`.")] string? Password);
