using BillingOne.Metering.Domain;

namespace BillingOne.Metering.Tests.Domain;

[Trait("Category", "Unit")]
public class UnitTypeRulesTests
{
    private static readonly UnitTypeFields ValidNew = new("backup-gb", " Backup ", null, null, 1.25m, 0.000001m,
        "nzd", "Count", " srv-* ", null, null);

    [Fact]
    public void A_new_unit_type_is_trimmed_normalized_and_defaulted()
    {
        var errors = new Dictionary<string, string[]>();

        var definition = UnitTypeRules.Create(ValidNew, errors);

        errors.ShouldBeEmpty();
        definition.ShouldBe(new UnitTypeDefinition("backup-gb", "Backup", null, false, 1.25m, 0.000001m, "NZD",
            Aggregation.Count, "srv-*", 0m, Precision: 0));
    }

    [Fact]
    public void Every_missing_required_member_is_reported_at_once()
    {
        var errors = new Dictionary<string, string[]>();

        UnitTypeRules.Create(new UnitTypeFields(null, null, null, null, null, null, null, null, null, null, null), errors)
            .ShouldBeNull();

        errors.Keys.ShouldBe(["key", "name", "basePrice", "overagePrice", "currency", "aggregation"], ignoreOrder: true);
    }

    [Fact]
    public void A_change_keeps_absent_members_and_clears_blank_optional_ones()
    {
        var errors = new Dictionary<string, string[]>();
        var current = UnitTypeRules.Create(ValidNew with { Description = "About" }, errors)!;

        var changed = UnitTypeRules.Change(current,
            new UnitTypeFields(null, null, " ", true, null, 2m, null, null, "", 10m, null), errors);

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

    [Theory]
    [InlineData("sum", 2)]
    [InlineData("avg", 2)]
    [InlineData("count", 0)]
    public void Precision_defaults_to_whole_units_for_counts_and_two_decimals_otherwise(string aggregation, int expected)
    {
        var errors = new Dictionary<string, string[]>();

        var definition = UnitTypeRules.Create(ValidNew with { Aggregation = aggregation }, errors);

        definition!.Precision.ShouldBe(expected);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(6, true)]
    [InlineData(-1, false)]
    [InlineData(7, false)]
    public void Precision_is_zero_to_six_decimals(int precision, bool valid)
    {
        var errors = new Dictionary<string, string[]>();

        var definition = UnitTypeRules.Create(ValidNew with { Precision = precision }, errors);

        (definition is not null).ShouldBe(valid);
        errors.ContainsKey("precision").ShouldBe(!valid);
    }

    [Fact]
    public void A_change_that_leaves_out_the_precision_keeps_it_even_when_the_aggregation_changes()
    {
        var errors = new Dictionary<string, string[]>();
        var current = UnitTypeRules.Create(ValidNew with { Precision = 3 }, errors)!;

        var changed = UnitTypeRules.Change(current, new UnitTypeFields(null, null, null, null, null, null, null, "sum",
            null, null, null), errors);

        changed!.Precision.ShouldBe(3);
    }
}
