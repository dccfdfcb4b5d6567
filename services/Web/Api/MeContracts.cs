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

public sealed record MyClientScope(Guid? ClientId, string? ClientName);

public sealed record MyProfile(Guid Id, string Name, string Email, string Role, MyClientScope ClientScope,
    string OrganizationName, DateTimeOffset CreatedAt, DateTimeOffset? LastSignInAt);

public sealed record UpdateMyProfileRequest(string Name);

public sealed record ChangePasswordRequest(string CurrentPassword, string NewPassword);

/// <summary>How many of the user's other sessions a change ended.</summary>
public sealed record SessionsEnded(int EndedSessions);

public sealed record MySession(Guid Id, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, DateTimeOffset ExpiresAt,
    string? IpAddress, bool Current);

/// <summary>Failed sign-ins on the user's account in the last day; the account waits until the given time, if any.</summary>
public sealed record FailedSignIns(int Count, DateTimeOffset LastFailedAt, DateTimeOffset? AccountThrottledUntil);
