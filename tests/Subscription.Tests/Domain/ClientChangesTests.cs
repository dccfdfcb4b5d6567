using BillingOne.Subscription.Domain;

namespace BillingOne.Subscription.Tests.Domain;

[Trait("Category", "Unit")]
public class ClientChangesTests
{
    private static readonly DateTimeOffset Created = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

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
    public void Applying_new_values_returns_the_changed_client()
    {
        var changed = Acme.Apply(new ClientChanges(Name: "Acme Ltd", TimeZone: "Europe/Rome"));
        changed.ShouldBe(Acme with { Name = "Acme Ltd", TimeZone = "Europe/Rome" });
    }

    [Fact]
    public void Applying_the_current_values_is_no_change()
    {
        Acme.Apply(new ClientChanges(Name: "Acme", TimeZone: "UTC")).ShouldBeNull();
        Acme.Apply(ClientChanges.Enable).ShouldBeNull();
    }

    [Fact]
    public void A_change_of_letter_case_is_a_rename()
    {
        Acme.Apply(new ClientChanges(Name: "ACME"))!.Name.ShouldBe("ACME");
    }

    [Fact]
    public void Disabling_an_enabled_client_changes_only_the_flag()
    {
        Acme.Apply(ClientChanges.Disable).ShouldBe(Acme with { Enabled = false });
    }
}
