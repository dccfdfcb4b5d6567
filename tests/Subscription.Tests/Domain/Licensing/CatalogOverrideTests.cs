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
        var change = CatalogOverride.Create(unit, price is null ? null : decimal.Parse(price, CultureInfo.InvariantCulture),
            null, errors);
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
        CatalogOverride.Create(unit, decimal.Parse(price, CultureInfo.InvariantCulture), null, errors).ShouldBeNull();
        errors.Keys.ShouldBe([member]);
    }

    [Theory]
    [InlineData(null, "Servers", "device", "servers")]
    [InlineData("device", "workstations", "device", "workstations")]
    [InlineData(null, "devices", "device", "devices")]
    [InlineData(null, "users", "user", null)]
    [InlineData("user", "users", "user", null)]
    [InlineData(null, "none", "none", null)]
    [InlineData("device", null, "device", null)]
    public void Covers_says_the_unit_and_keeps_the_device_class(string? unit, string? covers, string expectedUnit,
        string? expectedClass)
    {
        var errors = new Dictionary<string, string[]>();
        var change = CatalogOverride.Create(unit, null, covers, errors);
        errors.ShouldBeEmpty();
        change.ShouldBe(new CatalogOverride(expectedUnit, null, expectedClass));
    }

    [Theory]
    [InlineData(null, "routers")]
    [InlineData("user", "servers")]
    [InlineData("device", "users")]
    [InlineData("none", "workstations")]
    public void Covers_that_is_unknown_or_disagrees_with_the_unit_names_covers(string? unit, string covers)
    {
        var errors = new Dictionary<string, string[]>();
        CatalogOverride.Create(unit, null, covers, errors).ShouldBeNull();
        errors.Keys.ShouldBe(["covers"]);
    }
}
