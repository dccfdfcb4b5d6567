namespace BillingOne.Web.Api;

// The gateway's sign-in contract (POST /auth/sign-in, answered by the gateway itself, not a service):
//   200 SignInResponse, or 200 { twoFactorRequired: true, challenge, expiresAt } for a user with two-factor on, who
//   then sends POST /auth/sign-in/two-factor { challenge, code } (200 SignInResponse; 401 naming `code` or
//   `challenge`; 429); 401 problem (wrong credentials, deliberately generic); 409 problem with `organizations`
//   (the password is right for users of several organizations: send again with organizationId); 429 problem (too
//   many attempts or failures from this source, Retry-After).

public sealed record SignInRequest(string Email, string Password, Guid? OrganizationId);

/// <summary>An organization a person who belongs to several may sign in to.</summary>
public sealed record OrganizationChoice(Guid Id, string Name);

/// <param name="SessionToken">Bearer token for every later gateway call (a JWT the web app never reads).</param>
/// <param name="ExpiresAt">When the gateway stops accepting the token; the web session ends then too.</param>
/// <param name="TwoFactorRequired">The password was right; no session yet: send the code with <paramref name="Challenge"/>.</param>
/// <param name="TwoFactorEnrollmentRequired">The organization requires two-factor and the user has none: set it up first.</param>
public sealed record SignInResponse(string SessionToken, DateTimeOffset ExpiresAt, SignedInUser User,
    bool TwoFactorRequired = false, Guid? Challenge = null, bool TwoFactorEnrollmentRequired = false);

public sealed record TwoFactorSignInRequest(Guid Challenge, string Code);

/// <param name="Role">One of <see cref="UserRoles"/>.</param>
public sealed record SignedInUser(Guid Id, string Name, string Email, Guid OrgId, string Role);
