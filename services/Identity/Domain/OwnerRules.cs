namespace BillingOne.Identity.Domain;

public enum OwnerRuleViolation
{
    None,
    /// <summary>Only an owner may grant or take away the owner role, or enable or disable an owner.</summary>
    OwnerRoleRequired,
    /// <summary>The change would leave the organization without an enabled owner.</summary>
    LastEnabledOwner,
}

/// <summary>
/// Who may change owners. The owner role is the one an admin cannot reach on their own, so granting it,
/// taking it away, and switching an owner's account on or off all need an owner; and an organization always
/// keeps one enabled owner, so it can never lock itself out of its own administration.
/// </summary>
public static class OwnerRules
{
    /// <param name="actorIsOwner">Whether the caller acts with the owner role.</param>
    /// <param name="before">The user as stored, or null when <paramref name="after"/> is being created.</param>
    /// <param name="after">The user as it would be saved.</param>
    /// <param name="enabledOwners">Enabled owners of the organization now, <paramref name="before"/> included.</param>
    public static OwnerRuleViolation Check(bool actorIsOwner, User? before, User after, int enabledOwners)
    {
        var ownerRoleChanges = (before?.IsOwner ?? false) != after.IsOwner;
        var ownerEnabledChanges = before is not null && after.IsOwner && before.Enabled != after.Enabled;
        if ((ownerRoleChanges || ownerEnabledChanges) && !actorIsOwner)
        {
            return OwnerRuleViolation.OwnerRoleRequired;
        }
        if (before is { IsEnabledOwner: true } && !after.IsEnabledOwner && enabledOwners <= 1)
        {
            return OwnerRuleViolation.LastEnabledOwner;
        }
        return OwnerRuleViolation.None;
    }
}
