using BillingOne.BuildingBlocks.Security;
using BillingOne.Identity.Domain;

namespace BillingOne.Identity.Tests.Domain;

[Trait("Category", "Unit")]
public class OwnerRulesTests
{
    private static readonly User Owner = new(Guid.NewGuid(), Guid.NewGuid(), "o@example.test", "Owner", Roles.Owner,
        Enabled: true, null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

    private static readonly User Finance = Owner with { Role = Roles.Finance, Email = "f@example.test" };

    [Fact]
    public void Adding_an_owner_needs_an_owner()
    {
        OwnerRules.Check(actorIsOwner: false, before: null, Owner, enabledOwners: 0).ShouldBe(OwnerRuleViolation.OwnerRoleRequired);
        OwnerRules.Check(actorIsOwner: true, before: null, Owner, enabledOwners: 0).ShouldBe(OwnerRuleViolation.None);
        OwnerRules.Check(actorIsOwner: false, before: null, Finance, enabledOwners: 0).ShouldBe(OwnerRuleViolation.None);
    }

    [Fact]
    public void Granting_removing_enabling_or_disabling_owner_power_needs_an_owner()
    {
        OwnerRules.Check(false, Finance, Finance with { Role = Roles.Owner }, 1).ShouldBe(OwnerRuleViolation.OwnerRoleRequired);
        OwnerRules.Check(false, Owner, Owner with { Role = Roles.Admin }, 2).ShouldBe(OwnerRuleViolation.OwnerRoleRequired);
        OwnerRules.Check(false, Owner, Owner with { Enabled = false }, 2).ShouldBe(OwnerRuleViolation.OwnerRoleRequired);
        OwnerRules.Check(false, Owner with { Enabled = false }, Owner, 1).ShouldBe(OwnerRuleViolation.OwnerRoleRequired);
        // Taking the owner role from a disabled owner is still removing it.
        OwnerRules.Check(false, Owner with { Enabled = false }, Owner with { Enabled = false, Role = Roles.Admin }, 1)
            .ShouldBe(OwnerRuleViolation.OwnerRoleRequired);
    }

    [Fact]
    public void An_admin_may_change_what_gives_or_takes_no_owner_power()
    {
        OwnerRules.Check(false, Owner, Owner with { Name = "Renamed" }, 1).ShouldBe(OwnerRuleViolation.None);
        OwnerRules.Check(false, Finance, Finance with { Role = Roles.Admin }, 1).ShouldBe(OwnerRuleViolation.None);
        OwnerRules.Check(false, Finance, Finance with { Enabled = false }, 1).ShouldBe(OwnerRuleViolation.None);
    }

    [Fact]
    public void The_last_enabled_owner_stays()
    {
        OwnerRules.Check(true, Owner, Owner with { Role = Roles.Admin }, 1).ShouldBe(OwnerRuleViolation.LastEnabledOwner);
        OwnerRules.Check(true, Owner, Owner with { Enabled = false }, 1).ShouldBe(OwnerRuleViolation.LastEnabledOwner);
        OwnerRules.Check(true, Owner, Owner with { Role = Roles.Admin }, 2).ShouldBe(OwnerRuleViolation.None);
        OwnerRules.Check(true, Owner with { Enabled = false }, Owner with { Enabled = false, Role = Roles.Finance }, 1)
            .ShouldBe(OwnerRuleViolation.None);
    }
}
