using BillingOne.Contracts.Money;
using BillingOne.Metering.Domain;

namespace BillingOne.Metering.Tests.Domain;

[Trait("Category", "Unit")]
public sealed class LateAdjustmentTests
{
    // January was finalized at 500 AUD for 100 GB, 6 AUD above; the bucket has been repriced since (not used here).
    private static readonly BucketPricing JanuaryTerms = new(new Money(500m, "AUD"), 100m, new Money(6m, "AUD"));

    [Fact]
    public void A_late_reading_that_changes_nothing_makes_no_adjustment()
    {
        var january = Finalized(usage: 115.5m);

        january.TryAdjust(115.5m, out var adjustment).ShouldBeTrue();

        adjustment.ShouldBeNull();
    }

    [Fact]
    public void Late_usage_above_the_commit_adjusts_the_overage_and_cost_by_the_difference_of_rounded_lines()
    {
        var january = Finalized(usage: 115.5m);

        january.TryAdjust(125.5m, out var adjustment).ShouldBeTrue();

        adjustment.ShouldBe(new BilledFigures(Usage: 10m, Base: 0m, OverageUnits: 10m, Overage: 60m, BufferUnits: 0m,
            Buffer: 0m, Cost: 60m));
    }

    [Fact]
    public void Late_usage_that_crosses_the_commit_moves_buffer_into_overage()
    {
        var january = Finalized(usage: 90m);   // 10 units of buffer (50.00), no overage

        january.TryAdjust(103m, out var adjustment).ShouldBeTrue();

        adjustment.ShouldBe(new BilledFigures(13m, 0m, 3m, 18m, -10m, -50m, 18m));
    }

    [Fact]
    public void An_average_can_fall_and_so_can_its_adjustment()
    {
        var january = Finalized(usage: 130m);

        january.TryAdjust(120m, out var adjustment).ShouldBeTrue();

        adjustment!.Usage.ShouldBe(-10m);
        adjustment.Cost.ShouldBe(-60m);
    }

    [Fact]
    public void Adjustments_already_made_count_as_billed()
    {
        var billedSoFar = BilledFigures.Of(BucketCost.Calculate(JanuaryTerms, 115.5m))
            + new BilledFigures(10m, 0m, 10m, 60m, 0m, 0m, 60m);
        var january = new FinalizedBucketPeriod(Guid.NewGuid(), Guid.NewGuid(), 2026, 1, JanuaryTerms, billedSoFar);

        january.TryAdjust(125.5m, out var again).ShouldBeTrue();
        january.TryAdjust(126m, out var more).ShouldBeTrue();

        again.ShouldBeNull();
        more.ShouldBe(new BilledFigures(0.5m, 0m, 0.5m, 3m, 0m, 0m, 3m));
    }

    [Fact]
    public void Figures_of_different_scales_are_the_same_bill()
    {
        new BilledFigures(80.000000m, 500.00m, 0m, 0m, 20m, 100m, 500m)
            .ShouldBe(new BilledFigures(80m, 500m, 0.0m, 0.00m, 20.0m, 100.00m, 500.000m));
        (BilledFigures.None - BilledFigures.None).IsZero.ShouldBeTrue();
    }

    [Fact]
    public void A_booked_adjustment_keeps_the_finalized_months_terms_and_names_it()
    {
        var bucket = new Bucket(Guid.NewGuid(), Guid.NewGuid(), new BucketDefinition(Guid.NewGuid(), "Backup", "rmm",
            Guid.NewGuid(), Aggregation.Sum, 200m, 900m, 8m, "AUD", true, true), false, DateTimeOffset.UnixEpoch,
            DateTimeOffset.UnixEpoch);
        var start = new DateTimeOffset(2026, 1, 31, 13, 0, 0, TimeSpan.Zero);
        BillingLine.TryPrice(bucket, "backup-gb", start, start.AddMonths(1), 10m, out var february).ShouldBeTrue();
        var january = Finalized(usage: 115.5m);
        var difference = new BilledFigures(10m, 0m, 10m, 60m, 0m, 0m, 60m);

        var adjustment = february!.AdjustmentOf(january, difference);

        adjustment.IsAdjustment.ShouldBeTrue();
        adjustment.Corrects.ShouldBe(new BillingMonth(2026, 1));
        adjustment.Pricing.ShouldBe(JanuaryTerms);
        adjustment.Figures.ShouldBe(difference);
        (adjustment.BucketId, adjustment.PeriodStart, adjustment.SourceType).ShouldBe((bucket.Id, start, "rmm"));
        february.IsAdjustment.ShouldBeFalse();
    }

    private static FinalizedBucketPeriod Finalized(decimal usage) => new(Guid.NewGuid(), Guid.NewGuid(), 2026, 1,
        JanuaryTerms, BilledFigures.Of(BucketCost.Calculate(JanuaryTerms, usage)));
}
