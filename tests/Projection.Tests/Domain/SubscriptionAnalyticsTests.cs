using System.Globalization;
using BillingOne.Contracts.Money;
using BillingOne.Projection.Domain;

namespace BillingOne.Projection.Tests.Domain;

[Trait("Category", "Unit")]
public sealed class SubscriptionAnalyticsTests
{
    private static readonly Guid Client = Guid.NewGuid();
    private static readonly Guid Product = Guid.NewGuid();

    /// <summary>A "now" after every month the tests ask about: each has ended.</summary>
    private static readonly DateTimeOffset Ended = DateTimeOffset.MaxValue;

    [Fact]
    public void A_month_not_ended_yet_ends_with_the_mrr_of_the_lines_active_now()
    {
        // On 10 June: one line live since January; one bought ahead, starting on 20 June; one cancelled, ending on
        // 25 June. June's MRR at end is the MRR now, as the dashboard's: 10.00, not the 30.00 the month's end would
        // count, and the products and terms of June are those of now too.
        var lines = new[]
        {
            Line("monthly", 1, 10m),
            Line("monthly", 1, 20m) with { StartDate = Day(2026, 6, 20) },
            Line("monthly", 1, 40m) with { Status = "cancelled", EndDate = Day(2026, 6, 25) },
        };
        var now = Day(2026, 6, 10);

        SubscriptionAnalytics.Months(lines, [new BillingMonth(2026, 6)], now).ShouldHaveSingleItem().MrrAtEnd.ShouldBe(10.00m);
        SubscriptionAnalytics.Products(lines, new BillingMonth(2026, 6), now).ShouldHaveSingleItem().Mrr.ShouldBe(10.00m);
        SubscriptionAnalytics.BillingTerms(lines, new BillingMonth(2026, 6), now).ShouldHaveSingleItem().Mrr.ShouldBe(10.00m);
        SubscriptionAnalytics.Months(lines, [new BillingMonth(2026, 6)], Ended).ShouldHaveSingleItem().MrrAtEnd
            .ShouldBe(30.00m, "once June has ended, its end counts the line started on 20 June");
    }

    [Theory]
    [InlineData("annual", 1, "55.00", "4.58")] // 55.00 ÷ 12 = 4.5833…
    [InlineData("annual", 3, "55.00", "13.75")] // 165.00 ÷ 12, rounded once for the line, not 3 × 4.58 = 13.74
    [InlineData("monthly", 7, "4.505", "31.54")] // 31.535 half away from zero
    [InlineData("three-year", 2, "360.00", "20.00")] // 720.00 ÷ 36
    [InlineData("one-time", 5, "100.00", "0.00")]
    [InlineData("trial", 5, "100.00", "0.00")]
    public void A_lines_monthly_value_is_its_terms_share_rounded_once(string term, int quantity, string price,
        string monthly)
    {
        var line = Line(term, quantity, decimal.Parse(price, CultureInfo.InvariantCulture));

        line.MonthlyValue.ShouldBe(new Money(decimal.Parse(monthly, CultureInfo.InvariantCulture), "AUD"));
    }

    [Fact]
    public void Fifteen_seats_at_213_18_a_year_are_266_48_a_month_not_266_47()
    {
        // 15 × 213.18 = 3197.70 a year ÷ 12 = 266.475 exactly: half away from zero, 266.48. Times a truncated 1/12
        // (0.0833…33) it would be 266.47499… and round to 266.47.
        Line("annual", 15, 213.18m).MonthlyValue.ShouldBe(new Money(266.48m, "AUD"));
    }

    [Fact]
    public void Analytics_mrr_is_the_sum_of_the_lines_each_rounded_once()
    {
        // Three lines of 15 seats at 213.18 a year: each 266.475 rounded to 266.48, so MRR = 3 × 266.48 = 799.44.
        // Rounding the unrounded sum instead (799.425 → 799.43) would differ from every other screen by a cent.
        var lines = new[] { Line("annual", 15, 213.18m), Line("annual", 15, 213.18m), Line("annual", 15, 213.18m) };
        var linesRounded = lines.Sum(line => line.MonthlyValue.Amount);
        linesRounded.ShouldBe(799.44m);

        var june = SubscriptionAnalytics.Months(lines, [new BillingMonth(2025, 6)], Ended).ShouldHaveSingleItem();
        (june.MrrAtStart, june.MrrAtEnd, june.NetMrrChange).ShouldBe((0.00m, 799.44m, 799.44m),
            "they started on 1 June, so none was live at its first instant");
        SubscriptionAnalytics.Products(lines, new BillingMonth(2025, 6), Ended).ShouldHaveSingleItem().Mrr.ShouldBe(linesRounded);
        SubscriptionAnalytics.BillingTerms(lines, new BillingMonth(2025, 6), Ended).ShouldHaveSingleItem().Mrr
            .ShouldBe(linesRounded);
    }

    [Fact]
    public void A_subscription_stops_at_the_earlier_of_its_end_day_and_its_removal()
    {
        var ended = Line("monthly", 1, 10m) with { Status = "cancelled", EndDate = Day(2026, 2, 10), RemovedAt = Day(2026, 3, 1) };
        var removed = Line("monthly", 1, 10m) with { EndDate = Day(2026, 5, 1), RemovedAt = Day(2026, 1, 31) };

        ended.StoppedAt.ShouldBe(Day(2026, 2, 10));
        removed.StoppedAt.ShouldBe(Day(2026, 1, 31));
        ended.LiveAt(Day(2026, 2, 10)).ShouldBeTrue("stopping on the instant still counts it live there");
        ended.LiveAt(Day(2026, 2, 11)).ShouldBeFalse();
    }

    [Fact]
    public void A_cancelled_subscription_without_an_end_day_counts_nowhere()
    {
        var lines = new[] { Line("monthly", 1, 10m) with { Status = "cancelled" } };

        SubscriptionAnalytics.Months(lines, [new BillingMonth(2026, 1)], Ended).ShouldBeEmpty();
        SubscriptionAnalytics.Products(lines, new BillingMonth(2026, 1), Ended).ShouldBeEmpty();
    }

    [Fact]
    public void Churn_is_cancelled_over_active_at_start_at_full_precision()
    {
        // Three live on 1 Jan; one ends on 15 Jan: 1 ÷ 3 = 33.33… %.
        var lines = new[]
        {
            Line("monthly", 1, 10m),
            Line("monthly", 1, 20m),
            Line("monthly", 1, 30m) with { Status = "cancelled", EndDate = Day(2026, 1, 15) },
        };

        var january = SubscriptionAnalytics.Months(lines, [new BillingMonth(2026, 1)], Ended).ShouldHaveSingleItem();

        (january.ActiveAtStart, january.New, january.Cancelled, january.ChurnRate).ShouldBe((3, 0, 1, 33.333333m));
        (january.MrrAtStart, january.MrrAtEnd, january.NetMrrChange).ShouldBe((60.00m, 30.00m, -30.00m));
    }

    [Fact]
    public void December_9999_ends_at_the_last_instant_there_is()
    {
        var lines = new[] { Line("monthly", 2, 10m) with { StartDate = Day(9999, 12, 5) } };

        var december = SubscriptionAnalytics.Months(lines, [new BillingMonth(9999, 12)], Ended).ShouldHaveSingleItem();

        (december.New, december.MrrAtEnd).ShouldBe((1, 20.00m));
        SubscriptionAnalytics.BillingTerms(lines, new BillingMonth(9999, 12), Ended).ShouldHaveSingleItem().Mrr.ShouldBe(20.00m);
    }

    private static SubscriptionLineCopy Line(string term, int quantity, decimal price) =>
        new(Client, Guid.NewGuid(), Product, "Product", quantity, price, "AUD", term, "active", Day(2025, 6, 1), null, null);

    private static DateTimeOffset Day(int year, int month, int day) => new(year, month, day, 0, 0, 0, TimeSpan.Zero);
}
