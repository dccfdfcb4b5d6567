using BillingOne.Metering.Domain;

namespace BillingOne.Metering.Tests.Domain;

[Trait("Category", "Unit")]
public class BucketRulesTests
{
    private static readonly Guid ClientId = Guid.NewGuid();
    private static readonly Guid UnitTypeId = Guid.NewGuid();

    private static readonly UnitTypeDefinition Storage = new("backup-gb", "Backup GB", null, true, 500m, 6m, "AUD",
        Aggregation.Max, "srv-*", 100m, Precision: 2);

    private static NewBucketFields New(string? currency = null, decimal? basePrice = null,
        decimal? overagePrice = null, string? aggregation = null) =>
        new(ClientId, " Contoso backup ", "  ", UnitTypeId, aggregation, 40m, basePrice, overagePrice, currency, null,
            null);

    [Fact]
    public void A_new_bucket_takes_aggregation_prices_and_currency_from_its_unit_type()
    {
        var errors = new Dictionary<string, string[]>();

        var definition = BucketRules.Create(New(), Storage, errors);

        errors.ShouldBeEmpty();
        definition.ShouldBe(new BucketDefinition(ClientId, "Contoso backup", null, UnitTypeId, Aggregation.Max, 40m,
            500m, 6m, "AUD", Reviewed: true, Enabled: true));
    }

    [Fact]
    public void Another_currency_needs_both_prices_because_the_unit_types_are_in_its_own()
    {
        var errors = new Dictionary<string, string[]>();

        BucketRules.Create(New(currency: "usd", basePrice: 400m), Storage, errors).ShouldBeNull();
        errors.Keys.ShouldBe(["overagePrice"]);

        var priced = BucketRules.Create(New(currency: "usd", basePrice: 400m, overagePrice: 5m), Storage,
            new Dictionary<string, string[]>());
        priced!.Currency.ShouldBe("USD");
        priced.BasePrice.ShouldBe(400m);
    }

    [Fact]
    public void An_unknown_unit_type_and_every_missing_member_are_reported_at_once()
    {
        var errors = new Dictionary<string, string[]>();

        BucketRules.Create(new NewBucketFields(null, null, null, UnitTypeId, null, null, null, null, null, null, null),
            unitType: null, errors).ShouldBeNull();

        errors.Keys.ShouldBe(["clientId", "unitTypeId", "name", "commitUnits"], ignoreOrder: true);
        errors["unitTypeId"].ShouldHaveSingleItem().ShouldContain(UnitTypeId.ToString());
    }

    [Fact]
    public void A_change_applies_only_present_members_and_a_blank_source_type_clears_it()
    {
        var current = new BucketDefinition(ClientId, "Before", "veeam", UnitTypeId, Aggregation.Sum, 10m, 1m, 2m,
            "AUD", Reviewed: false, Enabled: true);
        var errors = new Dictionary<string, string[]>();

        var changed = BucketRules.Change(current,
            new BucketChangeFields(null, "", "LAST", null, null, 0.5m, true, null), errors);

        errors.ShouldBeEmpty();
        changed.ShouldBe(current with
        {
            SourceType = null,
            Aggregation = Aggregation.Last,
            OveragePrice = 0.5m,
            Reviewed = true,
        });
        BucketRules.Change(current, new BucketChangeFields(null, null, null, null, null, null, null, null), errors)
            .ShouldBe(current);
    }

    [Theory]
    [InlineData("", null, "name")]
    [InlineData(null, "median", "aggregation")]
    public void An_invalid_change_is_reported_under_its_member(string? name, string? aggregation, string member)
    {
        var current = BucketRules.Create(New(), Storage, new Dictionary<string, string[]>())!;
        var errors = new Dictionary<string, string[]>();

        BucketRules.Change(current, new BucketChangeFields(name, null, aggregation, null, null, null, null, null),
            errors).ShouldBeNull();

        errors.Keys.ShouldBe([member]);
    }

    [Fact]
    public void A_provisioned_bucket_copies_the_template_terms_and_starts_unreviewed()
    {
        var definition = BucketDefinition.FromTemplate(ClientId, UnitTypeId, Storage);

        definition.ShouldBe(new BucketDefinition(ClientId, "Backup GB", null, UnitTypeId, Aggregation.Max, 100m,
            500m, 6m, "AUD", Reviewed: false, Enabled: true));
    }
}
