using System.Text.Json.Serialization;

namespace BillingOne.Web.Api;

// The identity service's organization directory as the Team and Organization settings use it:
//   GET   /api/identity/users                      -> TeamUser list
//   POST  /api/identity/users                      CreateUserRequest -> TeamUser
//   PATCH /api/identity/users/{id}                 UpdateUserRequest -> TeamUser
//   POST  /api/identity/users/{id}/enable|disable
//   POST  /api/identity/users/{id}/two-factor/reset -> TeamUser
//   GET   /api/identity/organization               -> Organization
//   PATCH /api/identity/organization               UpdateOrganizationRequest -> Organization

/// <param name="Role">One of <see cref="UserRoles"/>.</param>
/// <param name="LastSignInAt">Null until the user first signs in.</param>
/// <param name="TwoFactorEnabled">Sign-in asks for an authenticator code; an admin can reset it.</param>
public sealed record TeamUser(
    Guid Id,
    string Email,
    string Name,
    string Role,
    bool Enabled,
    DateTimeOffset? LastSignInAt,
    DateTimeOffset CreatedAt,
    bool TwoFactorEnabled = false);

/// <param name="Password">The initial password, which the admin hands over; the service hashes it.</param>
public sealed record CreateUserRequest(string Email, string Name, string Role, string Password);

/// <summary>A partial update: fields left null are not sent, so the service keeps them.</summary>
public sealed record UpdateUserRequest(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Role = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Name = null);

/// <param name="TimeZone">IANA time zone id, e.g. Australia/Sydney.</param>
/// <param name="Currency">ISO 4217 code, e.g. AUD.</param>
/// <param name="BillingGraceDays">Days after a period ends before its billing is final.</param>
public sealed record Organization(Guid Id, string Name, string TimeZone, string Currency, int BillingGraceDays,
    bool RequireTwoFactor = false);

/// <summary>The organization's two-factor switch alone (PATCH; owners and admins).</summary>
public sealed record RequireTwoFactorRequest(bool RequireTwoFactor);

public sealed record UpdateOrganizationRequest(string Name, string TimeZone, string Currency, int BillingGraceDays);
