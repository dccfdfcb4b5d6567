namespace BillingOne.Web.Api;

// The identity service's signed-in user's own account:
//   GET    api/identity/me                                            -> MyProfile
//   PATCH  api/identity/me                    UpdateMyProfileRequest  -> MyProfile (400 with errors keyed by `name`)
//   POST   api/identity/me/password           ChangePasswordRequest   -> SessionsEnded (400 keyed by member, 429)
//   GET    api/identity/me/sessions                                   -> MySession[]
//   DELETE api/identity/me/sessions/{id}                              -> 204 (404 when not the user's)
//   POST   api/identity/me/sessions/end-others                        -> SessionsEnded
//   GET    api/identity/me/failed-sign-ins                            -> FailedSignIns (204 when nothing to tell)
//   POST   api/identity/me/failed-sign-ins/seen                       -> 204
//   GET    api/identity/me/two-factor                                 -> TwoFactorStatus
//   POST   api/identity/me/two-factor/enrollment                      -> TwoFactorEnrollment (409 when on already)
//   POST   api/identity/me/two-factor/confirm      TwoFactorCode        -> TwoFactorStatus (400 keyed by `code`)
//   POST   api/identity/me/two-factor/disable      DisableTwoFactor     -> TwoFactorStatus (400 keyed by `code`/`password`, 429)

public sealed record MyClientScope(Guid? ClientId, string? ClientName);

public sealed record MyProfile(Guid Id, string Name, string Email, string Role, MyClientScope ClientScope,
    string OrganizationName, DateTimeOffset CreatedAt, DateTimeOffset? LastSignInAt);

public sealed record UpdateMyProfileRequest(string Name);

public sealed record ChangePasswordRequest(string CurrentPassword, string NewPassword);

/// <summary>How many of the user's other sessions a change ended.</summary>
public sealed record SessionsEnded(int EndedSessions);

/// <summary>One of the user's sessions; <see cref="UserAgent"/> is the browser's at sign-in, null when unknown.</summary>
public sealed record MySession(Guid Id, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, DateTimeOffset ExpiresAt,
    string? IpAddress, bool Current, string? UserAgent = null);

/// <summary>Failed sign-ins on the user's account in the last day; the account waits until the given time, if any.</summary>
public sealed record FailedSignIns(int Count, DateTimeOffset LastFailedAt, DateTimeOffset? AccountThrottledUntil);

/// <summary>The user's two-factor sign-in: on or not, an enrollment waiting for its first code, the organization's rule.</summary>
public sealed record TwoFactorStatus(bool Enabled, DateTimeOffset? EnabledAt, bool Pending, bool RequiredByOrganization);

/// <summary>A new authenticator secret, shown once: base32 to type in, and the otpauth:// URI a QR code carries.</summary>
public sealed record TwoFactorEnrollment(string Secret, string OtpAuthUri);

public sealed record TwoFactorCode(string Code);

/// <summary>Either a current code or the password.</summary>
public sealed record DisableTwoFactor(string? Code, string? Password);
