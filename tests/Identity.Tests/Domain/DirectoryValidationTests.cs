using BillingOne.BuildingBlocks.Security;
using BillingOne.Identity.Domain;

namespace BillingOne.Identity.Tests.Domain;

[Trait("Category", "Unit")]
public class DirectoryValidationTests
{
    [Theory]
    [InlineData("person@example.com", "person@example.com")]
    [InlineData("  Person@Example.com ", "Person@Example.com")]
    public void An_email_is_kept_as_typed_without_surrounding_space(string value, string expected)
    {
        EmailAddress.Normalize(value, out var error).ShouldBe(expected);
        error.ShouldBeNull();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    [InlineData("no-at-sign")]
    [InlineData("person@localhost")]
    [InlineData("Person <person@example.com>")]
    [InlineData("two@@example.com")]
    public void Anything_else_is_not_an_email(string? value)
    {
        EmailAddress.Normalize(value, out var error).ShouldBeNull();
        error.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void A_new_user_needs_a_password_of_at_least_twelve_characters_taken_exactly_as_given()
    {
        var errors = new Dictionary<string, string[]>();
        NewUser.Create("a@example.com", "A", "admin", "12345678901", errors).ShouldBeNull();
        errors.Keys.ShouldBe(["password"]);

        errors.Clear();
        var user = NewUser.Create("a@example.com", "A", "ADMIN", " 1234567890 ", errors);
        user.ShouldNotBeNull();
        user.Password.ShouldBe(" 1234567890 ");
        user.Role.ShouldBe(Roles.Admin);
        user.ToString().ShouldNotContain("1234567890");
    }

    [Theory]
    [InlineData("owner", true)]
    [InlineData("read-only", true)]
    [InlineData("ingest", false)]
    [InlineData("service", false)]
    public void Users_take_the_four_user_roles(string role, bool accepted)
    {
        var errors = new Dictionary<string, string[]>();
        (DirectoryRoles.ParseUserRole(role, errors) is not null).ShouldBe(accepted);
        errors.ContainsKey("role").ShouldBe(!accepted);
    }

    [Theory]
    [InlineData("ingest", null, true)]
    [InlineData("read-only", "6a3c1d7e-0000-4000-8000-000000000001", true)]
    [InlineData("admin", null, true)]
    [InlineData("admin", "6a3c1d7e-0000-4000-8000-000000000001", false)]
    [InlineData("owner", null, false)]
    [InlineData("service", null, false)]
    public void Keys_take_the_four_key_roles_and_only_non_admin_keys_a_client_scope(string role, string? clientId, bool accepted)
    {
        var errors = new Dictionary<string, string[]>();
        var key = NewApiKey.Create("Key", role, clientId is null ? null : Guid.Parse(clientId), errors);
        (key is not null).ShouldBe(accepted);
    }

    [Fact]
    public void A_settings_edit_normalizes_what_it_accepts()
    {
        var errors = new Dictionary<string, string[]>();
        var changes = OrganizationChanges.ForEdit(" Acme MSP ", "Europe/London", " usd ", 0, errors);

        errors.ShouldBeEmpty();
        changes.ShouldBe(new OrganizationChanges("Acme MSP", "Europe/London", "USD", 0));
    }

    [Fact]
    public void Applying_the_current_settings_changes_nothing()
    {
        var organization = new Organization(Guid.NewGuid(), "Acme", "UTC", "AUD", 5, DateTimeOffset.UnixEpoch,
            DateTimeOffset.UnixEpoch);

        organization.Apply(new OrganizationChanges("Acme", "UTC", "AUD", 5)).ShouldBeNull();
        organization.Apply(new OrganizationChanges(null, null, null, 7))!.BillingGraceDays.ShouldBe(7);
    }
}
