using BillingOne.Identity.Domain;

namespace BillingOne.Identity.Tests.Domain;

[Trait("Category", "Unit")]
public class PasswordRulesTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("elevenchars")]
    public void A_missing_or_short_password_is_refused_under_the_field_named(string? password)
    {
        var errors = new Dictionary<string, string[]>();
        PasswordRules.Check(password, "newPassword", errors);
        errors.Keys.ShouldBe(["newPassword"]);
        errors["newPassword"].Single().ShouldContain($"at least {PasswordRules.MinLength}");
    }

    [Fact]
    public void A_password_longer_than_anyone_types_is_refused()
    {
        var errors = new Dictionary<string, string[]>();
        PasswordRules.Check(new string('p', PasswordRules.MaxLength + 1), "password", errors);
        errors["password"].Single().ShouldContain($"at most {PasswordRules.MaxLength}");
    }

    [Theory]
    [InlineData("twelve chars")]
    [InlineData("  spaces count as typed  ")]
    public void A_password_of_allowed_length_passes_exactly_as_typed(string password)
    {
        var errors = new Dictionary<string, string[]>();
        PasswordRules.Check(password, "password", errors);
        errors.ShouldBeEmpty();
    }
}
