namespace BillingOne.Web.Api;

// The identity service's API keys:
//   GET  /api/identity/api-keys                         -> ApiKey list
//   POST /api/identity/api-keys  CreateApiKeyRequest    -> CreatedApiKey (the only answer holding the plain key)
//   POST /api/identity/api-keys/{id}/enable|disable|revoke

/// <param name="Prefix">The visible start of the key (<c>bo_xxxxxxxx</c>) so a user can tell keys apart.</param>
/// <param name="Role">One of <see cref="ApiKeyRoles"/>.</param>
/// <param name="ClientId">Set when the key may only see one client's data.</param>
/// <param name="ClientName">That client's name; null while identity has not heard of the client.</param>
/// <param name="RevokedAt">Revoking is permanent; revoked keys stay listed.</param>
/// <param name="LastUsedAt">Kept current by the service within about a minute; null when never used.</param>
public sealed record ApiKey(
    Guid Id,
    string Name,
    string Prefix,
    string Role,
    Guid? ClientId,
    string? ClientName,
    bool Enabled,
    DateTimeOffset? RevokedAt,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset CreatedAt)
{
    public bool IsRevoked => RevokedAt is not null;
}

/// <param name="ClientId">Null for a key that sees every client of the organization.</param>
public sealed record CreateApiKeyRequest(string Name, string Role, Guid? ClientId);

/// <param name="Key">The plain key. It is shown once and never again: the service keeps only its hash.</param>
public sealed record CreatedApiKey(
    Guid Id,
    string Name,
    string Prefix,
    string Role,
    Guid? ClientId,
    bool Enabled,
    DateTimeOffset CreatedAt,
    string Key);

/// <summary>The state changes an admin can make to a key; the value is the last path segment.</summary>
public enum ApiKeyAction
{
    Enable,
    Disable,
    Revoke,
}
