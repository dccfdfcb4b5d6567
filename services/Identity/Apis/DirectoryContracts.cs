using System.ComponentModel;
using BillingOne.Identity.Domain;
using Microsoft.AspNetCore.Mvc;

namespace BillingOne.Identity.Apis;

public sealed record OrganizationResponse(
    Guid Id,
    string Name,
    [property: Description("IANA time zone clients default to.")] string TimeZone,
    [property: Description("ISO-4217 code the organization bills in.")] string Currency,
    [property: Description("Days after a period ends that billing waits for late usage (0–60).")] int BillingGraceDays,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    [property: Description("Every user must sign in with an authenticator code; users without one are sent to set it up.")]
    bool RequireTwoFactor)
{
    public static OrganizationResponse From(Organization organization) => new(organization.Id, organization.Name,
        organization.TimeZone, organization.Currency, organization.BillingGraceDays, organization.CreatedAt,
        organization.UpdatedAt, organization.RequireTwoFactor);
}

public sealed record UpdateOrganizationRequest(
    [property: Description("1–200 characters; absent keeps the current name.")] string? Name,
    [property: Description("IANA time zone id; absent keeps the current zone.")] string? TimeZone,
    [property: Description("ISO-4217 code such as AUD or USD; absent keeps the current currency.")] string? Currency,
    [property: Description("0–60; absent keeps the current value.")] int? BillingGraceDays,
    [property: Description("Require two-factor sign-in of every user; absent keeps the current value.")]
    bool? RequireTwoFactor = null);

/// <summary>Query parameters of <c>GET /api/identity/users</c>.</summary>
public sealed record UserListParameters(
    [property: Description("Part of the name or email, any case.")]
    [FromQuery(Name = "search")] string? Search);

public sealed record UserResponse(
    Guid Id,
    string Email,
    string Name,
    [property: Description("owner, admin, finance or read-only.")] string Role,
    [property: Description("Disabled users cannot sign in and their sessions end.")] bool Enabled,
    DateTimeOffset? LastSignInAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    [property: Description("Sign-in asks for an authenticator code; an admin can reset it when the user lost it.")]
    bool TwoFactorEnabled)
{
    public static UserResponse From(User user) => new(user.Id, user.Email, user.Name, user.Role, user.Enabled,
        user.LastSignInAt, user.CreatedAt, user.UpdatedAt, user.TwoFactorEnabled);
}

public sealed record CreateUserRequest(
    [property: Description("Sign-in email, unique in the organization ignoring case (another organization may have it too).")] string? Email,
    [property: Description("Display name, 1–200 characters.")] string? Name,
    [property: Description("owner (only an owner may grant it), admin, finance or read-only.")] string? Role,
    [property: Description("Initial password, at least 12 characters.")] string? Password);

public sealed record UpdateUserRequest(
    [property: Description("New display name; absent keeps the current one.")] string? Name,
    [property: Description("New role; only an owner may grant or remove owner. Absent keeps the current one.")] string? Role);

public sealed record ApiKeyResponse(
    Guid Id,
    string Name,
    [property: Description("The visible start of the key (bo_xxxxxxxx), to tell keys apart.")] string Prefix,
    [property: Description("admin, finance, read-only or ingest.")] string Role,
    [property: Description("Set when the key sees only this client's data.")] Guid? ClientId,
    [property: Description("That client's current name.")] string? ClientName,
    bool Enabled,
    [property: Description("Revoked keys are refused for good and stay listed.")] bool Revoked,
    DateTimeOffset? RevokedAt,
    DateTimeOffset CreatedAt,
    [property: Description("Updated in batches: may trail the latest use by about 30 seconds.")] DateTimeOffset? LastUsedAt)
{
    public static ApiKeyResponse From(ApiKey key) => new(key.Id, key.Name, key.Prefix, key.Role, key.ClientId,
        key.ClientName, key.Enabled, key.IsRevoked, key.RevokedAt, key.CreatedAt, key.LastUsedAt);
}

/// <summary>The answer to creating a key: the only time the plain key is ever shown.</summary>
public sealed record CreatedApiKeyResponse(
    Guid Id,
    string Name,
    string Prefix,
    string Role,
    Guid? ClientId,
    string? ClientName,
    bool Enabled,
    bool Revoked,
    DateTimeOffset? RevokedAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastUsedAt,
    [property: Description("The plain key. It is not stored and cannot be shown again.")] string Key)
{
    public static CreatedApiKeyResponse From(ApiKey key, ApiKeySecret secret) => new(key.Id, key.Name, key.Prefix,
        key.Role, key.ClientId, key.ClientName, key.Enabled, key.IsRevoked, key.RevokedAt, key.CreatedAt, key.LastUsedAt, secret.Value);
}

public sealed record CreateApiKeyRequest(
    [property: Description("1–100 characters, to tell keys apart.")] string? Name,
    [property: Description("admin, finance, read-only or ingest.")] string? Role,
    [property: Description("A client of the organization: the key then sees only that client's data. Not for admin keys.")] Guid? ClientId);
