namespace BillingOne.Identity.Domain;

public enum ApiKeyAction
{
    Enable,
    Disable,
    Revoke,
}

/// <summary>
/// A credential for machine callers, identified to people by its visible <see cref="Prefix"/>. Only the hash of
/// the full key is stored, so this record never holds the secret. Revoking is permanent; a revoked key stays
/// listed so its audit history keeps making sense.
/// </summary>
public sealed record ApiKey(
    Guid OrgId,
    Guid Id,
    string Name,
    string Prefix,
    string Role,
    Guid? ClientId,
    string? ClientName,
    bool Enabled,
    DateTimeOffset? RevokedAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastUsedAt)
{
    public const int MaxNameLength = 100;

    public bool IsRevoked => RevokedAt is not null;

    /// <summary>Whether a request presenting this key is let in.</summary>
    public bool Authenticates => Enabled && !IsRevoked;

    /// <summary>Whether <paramref name="action"/> is allowed at all: a revoked key can only be revoked again.</summary>
    public bool Allows(ApiKeyAction action) => !IsRevoked || action == ApiKeyAction.Revoke;

    /// <summary>This key after <paramref name="action"/> at <paramref name="now"/>, or null when it changes nothing.</summary>
    public ApiKey? Apply(ApiKeyAction action, DateTimeOffset now)
    {
        var changed = action switch
        {
            ApiKeyAction.Enable => this with { Enabled = true },
            ApiKeyAction.Disable => this with { Enabled = false },
            ApiKeyAction.Revoke => this with { RevokedAt = RevokedAt ?? now },
            _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
        };
        return changed == this ? null : changed;
    }
}
