using BillingOne.BuildingBlocks.Auditing;
using BillingOne.Subscription.Domain;

namespace BillingOne.Subscription.Tests.Domain;

[Trait("Category", "Unit")]
public class ClientChangesTests
{
    private static readonly DateTimeOffset Created = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private static readonly DateTimeOffset Now = Created.AddDays(9);

    private static readonly Client Acme = new(Guid.NewGuid(), Guid.NewGuid(), "Acme", Enabled: true, "UTC",
        Version: 3, Created, Created);

    [Fact]
    public void An_edit_must_change_something()
    {
        var errors = new Dictionary<string, string[]>();
        ClientChanges.ForEdit(null, null, errors).ShouldBeNull();
        errors[string.Empty].ShouldHaveSingleItem().ShouldContain("at least one");
    }

    [Fact]
    public void An_edit_validates_the_members_it_sets()
    {
        var errors = new Dictionary<string, string[]>();
        ClientChanges.ForEdit("  ", " ", errors).ShouldBeNull();
        errors["name"].ShouldBe(["Name is required."]);
        errors["timeZone"].ShouldBe(["Time zone must not be empty."]);
    }

    [Fact]
    public void An_edit_of_the_name_leaves_the_zone_alone()
    {
        var errors = new Dictionary<string, string[]>();
        ClientChanges.ForEdit(" Acme Ltd ", null, errors).ShouldBe(new ClientChanges("Acme Ltd"));
        errors.ShouldBeEmpty();
    }

    [Fact]
    public void A_new_client_is_enabled_at_version_1()
    {
        var orgId = Guid.NewGuid();
        var id = Guid.NewGuid();
        Client.Create(orgId, id, new NewClient("Acme", "Europe/Rome"), Now)
            .ShouldBe(new Client(orgId, id, "Acme", Enabled: true, "Europe/Rome", Version: 1, Now, Now));
    }

    [Fact]
    public void Applying_new_values_returns_the_changed_client_as_the_next_version()
    {
        var changed = Acme.Apply(new ClientChanges(Name: "Acme Ltd", TimeZone: "Europe/Rome"), Now);
        changed.ShouldBe(Acme with { Name = "Acme Ltd", TimeZone = "Europe/Rome", Version = 4, UpdatedAt = Now });
    }

    [Fact]
    public void Applying_the_current_values_is_no_change()
    {
        Acme.Apply(new ClientChanges(Name: "Acme", TimeZone: "UTC"), Now).ShouldBeNull();
        Acme.Apply(ClientChanges.Enable, Now).ShouldBeNull();
    }

    [Fact]
    public void A_change_of_letter_case_is_a_rename()
    {
        Acme.Apply(new ClientChanges(Name: "ACME"), Now)!.Name.ShouldBe("ACME");
    }

    [Fact]
    public void Disabling_an_enabled_client_changes_only_the_flag()
    {
        Acme.Apply(ClientChanges.Disable, Now).ShouldBe(Acme with { Enabled = false, Version = 4, UpdatedAt = Now });
    }

    [Fact]
    public void Enabling_and_disabling_are_audited_as_actions_of_their_own()
    {
        ClientChanges.Enable.AuditAction.ShouldBe(AuditActions.Enable);
        ClientChanges.Disable.AuditAction.ShouldBe(AuditActions.Disable);
        new ClientChanges(Name: "Acme Ltd").AuditAction.ShouldBe(AuditActions.Update);
        new ClientChanges(Enabled: false, Name: "Acme Ltd").AuditAction.ShouldBe(AuditActions.Update);
    }
}
