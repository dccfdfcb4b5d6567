using BillingOne.Metering.Domain;

namespace BillingOne.Metering.Tests.Domain;

[Trait("Category", "Unit")]
public class UnitTypeRulesTests
{
    private static readonly UnitTypeFields ValidNew = new("backup-gb", " Backup ", null, null, 1.25m, 0.000001m,
        "nzd", "Count", " srv-* ", null);

    [Fact]
    public void A_new_unit_type_is_trimmed_normalized_and_defaulted()
    {
        var errors = new Dictionary<string, string[]>();

        var definition = UnitTypeRules.Create(ValidNew, errors);

        errors.ShouldBeEmpty();
        definition.ShouldBe(new UnitTypeDefinition("backup-gb", "Backup", null, false, 1.25m, 0.000001m, "NZD",
            Aggregation.Count, "srv-*", 0m));
    }

    [Fact]
    public void Every_missing_required_member_is_reported_at_once()
    {
        var errors = new Dictionary<string, string[]>();

        UnitTypeRules.Create(new UnitTypeFields(null, null, null, null, null, null, null, null, null, null), errors)
            .ShouldBeNull();

        errors.Keys.ShouldBe(["key", "name", "basePrice", "overagePrice", "currency", "aggregation"], ignoreOrder: true);
    }

    [Fact]
    public void A_change_keeps_absent_members_and_clears_blank_optional_ones()
    {
        var errors = new Dictionary<string, string[]>();
        var current = UnitTypeRules.Create(ValidNew with { Description = "About" }, errors)!;

        var changed = UnitTypeRules.Change(current,
            new UnitTypeFields(null, null, " ", true, null, 2m, null, null, "", 10m), errors);

        errors.ShouldBeEmpty();
        changed.ShouldBe(current with
        {
            Description = null,
            AutoProvision = true,
            OveragePrice = 2m,
            FilterPattern = null,
            CommitUnits = 10m,
        });
    }

    [Theory]
    [InlineData("12.3456", true)]
    [InlineData("12.345600", true)]
    [InlineData("12.34561", false)]
    public void The_base_price_has_at_most_four_decimal_places(string basePrice, bool valid)
    {
        var errors = new Dictionary<string, string[]>();

        // Strings, because attribute arguments cannot be decimals and doubles would lose the trailing zeros.
        var definition = UnitTypeRules.Create(
            ValidNew with { BasePrice = decimal.Parse(basePrice, System.Globalization.CultureInfo.InvariantCulture) },
            errors);

        (definition is not null).ShouldBe(valid);
        errors.ContainsKey("basePrice").ShouldBe(!valid);
    }
}
