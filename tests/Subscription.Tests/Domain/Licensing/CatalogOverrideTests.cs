using System.Globalization;
using BillingOne.Subscription.Domain.Licensing;

namespace BillingOne.Subscription.Tests.Domain.Licensing;

[Trait("Category", "Unit")]
public class CatalogOverrideTests
{
    [Theory]
    [InlineData("Device", null, "device")]
    [InlineData(" none ", "0", "none")]
    [InlineData("user", "12.3456", "user")]
    public void A_valid_mapping_is_read(string unit, string? price, string expected)
    {
        var errors = new Dictionary<string, string[]>();
        var change = CatalogOverride.Create(unit, price is null ? null : decimal.Parse(price, CultureInfo.InvariantCulture), errors);
        errors.ShouldBeEmpty();
        change.ShouldNotBeNull().LicenceUnit.ShouldBe(expected);
    }

    [Theory]
    [InlineData(null, "1", "licenceUnit")]
    [InlineData("seat", "1", "licenceUnit")]
    [InlineData("device", "-0.01", "unitPrice")]
    [InlineData("device", "1.23456", "unitPrice")]
    [InlineData("device", "1000000000000000", "unitPrice")]
    public void An_invalid_mapping_names_the_member(string? unit, string price, string member)
    {
        var errors = new Dictionary<string, string[]>();
        CatalogOverride.Create(unit, decimal.Parse(price, CultureInfo.InvariantCulture), errors).ShouldBeNull();
        errors.Keys.ShouldBe([member]);
    }
}
