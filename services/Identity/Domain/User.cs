using BillingOne.BuildingBlocks.Security;

namespace BillingOne.Identity.Domain;

/// <summary>
/// A person who signs in to the organization's BillingOne with an email and password. The password hash is
/// kept out of this record on purpose: it never leaves the sign-in path, so no response or audit entry can
/// carry it by accident. <see cref="TwoFactorEnabled"/>: sign-in asks for an authenticator code (read, never
/// changed through this record).
/// </summary>
public sealed record User(
    Guid OrgId,
    Guid Id,
    string Email,
    string Name,
    string Role,
    bool Enabled,
    DateTimeOffset? LastSignInAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    bool TwoFactorEnabled = false)
{
    public const int MaxNameLength = 200;

    public bool IsOwner => Role == Roles.Owner;

    public bool IsEnabledOwner => Enabled && IsOwner;

    /// <summary>This user with <paramref name="changes"/> applied, or null when they change nothing.</summary>
    public User? Apply(UserChanges changes)
    {
        var changed = this with
        {
            Name = changes.Name ?? Name,
            Role = changes.Role ?? Role,
            Enabled = changes.Enabled ?? Enabled,
        };
        return changed == this ? null : changed;
    }
}
