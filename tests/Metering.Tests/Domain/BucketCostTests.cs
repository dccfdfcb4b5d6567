using BillingOne.Contracts.Money;
using BillingOne.Metering.Domain;

namespace BillingOne.Metering.Tests.Domain;

[Trait("Category", "Unit")]
public sealed class BucketCostTests
{
    private static Money Aud(decimal amount) => new(amount, "AUD");

    // $500 a month for 100 GB, $6 for every GB above it.
    private static readonly BucketPricing Storage = new(Aud(500m), 100m, Aud(6m));

    [Fact]
    public void Over_commit_adds_overage_to_the_base()
    {
        var cost = BucketCost.Calculate(Storage, usage: 120m);

        cost.OverageUnits.ShouldBe(20m);
        cost.Overage.ShouldBe(Aud(120m));          // 20 × $6
        cost.Cost.ShouldBe(Aud(620m));             // 500 + 120
        (cost.Cost - cost.BasePrice).ShouldBe(cost.Overage);
        cost.BufferUnits.ShouldBe(0m);
        cost.Buffer.ShouldBe(Aud(0m));
        cost.Status.ShouldBe(CommitStatus.OverCommit);
        cost.PercentOfCommit.ShouldBe(120m);
    }

    [Fact]
    public void Under_commit_bills_the_base_and_reports_the_unused_buffer()
    {
        var cost = BucketCost.Calculate(Storage, usage: 80m);

        cost.Cost.ShouldBe(Aud(500m));
        cost.Overage.ShouldBe(Aud(0m));
        cost.BufferUnits.ShouldBe(20m);
        cost.Buffer.ShouldBe(Aud(100m));           // 20 × 500 / 100
        cost.Status.ShouldBe(CommitStatus.UnderCommit);
        cost.PercentOfCommit.ShouldBe(80m);
    }

    [Fact]
    public void Exactly_on_commit_has_neither_overage_nor_buffer()
    {
        var cost = BucketCost.Calculate(Storage, usage: 100m);

        cost.Cost.ShouldBe(Aud(500m));
        cost.Overage.ShouldBe(Aud(0m));
        cost.Buffer.ShouldBe(Aud(0m));
        cost.Status.ShouldBe(CommitStatus.OnCommit);
    }

    [Fact]
    public void Each_line_is_rounded_once_half_away_from_zero()
    {
        // $100 for 3 units, $0.125 per extra unit.
        var pricing = new BucketPricing(Aud(100m), 3m, Aud(0.125m));

        var under = BucketCost.Calculate(pricing, usage: 2m);
        under.Buffer.ShouldBe(Aud(33.33m));        // 1 × 100 / 3 = 33.333…

        var over = BucketCost.Calculate(pricing, usage: 4m);
        over.Overage.ShouldBe(Aud(0.13m));         // 0.125, banker's rounding would bill 0.12
        over.Cost.ShouldBe(Aud(100.13m));
    }

    [Fact]
    public void Fractional_usage_is_billed_in_the_currencys_minor_units()
    {
        // ¥1,000 for 10 units, ¥33 per extra unit: 2.5 × 33 = 82.5 → ¥83.
        var yen = new BucketPricing(new Money(1000m, "JPY"), 10m, new Money(33m, "JPY"));

        var cost = BucketCost.Calculate(yen, usage: 12.5m);

        cost.Overage.ShouldBe(new Money(83m, "JPY"));
        cost.Cost.ShouldBe(new Money(1083m, "JPY"));
    }

    [Fact]
    public void A_zero_commit_bills_every_unit_as_overage_and_has_no_buffer()
    {
        var payAsYouGo = new BucketPricing(Aud(0m), 0m, Aud(2.5m));

        var used = BucketCost.Calculate(payAsYouGo, usage: 4m);
        used.Cost.ShouldBe(Aud(10m));
        used.Buffer.ShouldBe(Aud(0m));
        used.Status.ShouldBe(CommitStatus.OverCommit);
        used.PercentOfCommit.ShouldBeNull();

        var idle = BucketCost.Calculate(payAsYouGo, usage: 0m);
        idle.Cost.ShouldBe(Aud(0m));
        idle.Buffer.ShouldBe(Aud(0m));
        idle.Status.ShouldBe(CommitStatus.OnCommit);
    }

    [Fact]
    public void Prices_must_share_a_currency() =>
        Should.Throw<CurrencyMismatchException>(() => new BucketPricing(Aud(500m), 100m, new Money(6m, "NZD")));

    [Fact]
    public void Negative_terms_and_usage_are_rejected()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new BucketPricing(Aud(-1m), 100m, Aud(6m)));
        Should.Throw<ArgumentOutOfRangeException>(() => new BucketPricing(Aud(500m), -1m, Aud(6m)));
        Should.Throw<ArgumentOutOfRangeException>(() => new BucketPricing(Aud(500m), 100m, Aud(-6m)));
        Should.Throw<ArgumentOutOfRangeException>(() => BucketCost.Calculate(Storage, -1m));
    }

    [Fact]
    public void The_largest_terms_allowed_cost_a_huge_usage_without_overflowing()
    {
        var largest = new BucketPricing(Aud(1_000_000_000_000m), 1_000_000_000_000m, Aud(1_000_000_000m));

        BucketCost.TryCalculate(largest, 1_000_000_000_000_000_000m, out var cost).ShouldBeTrue();
        cost!.Overage.ShouldBe(Aud((1_000_000_000_000_000_000m - 1_000_000_000_000m) * 1_000_000_000m));
        BucketCost.TryCalculate(largest, 0m, out var idle).ShouldBeTrue();
        idle!.Buffer.ShouldBe(Aud(1_000_000_000_000m));
    }

    [Fact]
    public void A_cost_beyond_what_decimal_holds_is_reported_not_thrown()
    {
        var pricing = new BucketPricing(Aud(500m), 0.0001m, Aud(1_000_000_000m));

        // 1e23 units above the commit × 1e9 is 1e32, beyond decimal's 7.9e28.
        BucketCost.TryCalculate(pricing, 100_000_000_000_000_000_000_000m, out var cost).ShouldBeFalse();
        cost.ShouldBeNull();
    }
}
