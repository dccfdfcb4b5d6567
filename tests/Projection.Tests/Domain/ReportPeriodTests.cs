using BillingOne.Projection.Domain;

namespace BillingOne.Projection.Tests.Domain;

[Trait("Category", "Unit")]
public sealed class ReportPeriodTests
{
    [Theory]
    [InlineData("2026-02", "2026-02-01", "2026-02-28", "2026-02")]
    [InlineData("2024-02", "2024-02-01", "2024-02-29", "2024-02")]
    [InlineData("2026-q4", "2026-10-01", "2026-12-31", "2026-10 2026-11 2026-12")]
    [InlineData("9999-Q4", "9999-10-01", "9999-12-31", "9999-10 9999-11 9999-12")]
    [InlineData("2026", "2026-01-01", "2026-12-31", "2026-01 2026-02 2026-03 2026-04 2026-05 2026-06 2026-07 2026-08 2026-09 2026-10 2026-11 2026-12")]
    public void A_named_period_covers_its_calendar_days(string period, string from, string to, string months)
    {
        var errors = new Dictionary<string, string[]>();

        var parsed = ReportPeriod.Parse(period, null, null, errors)!;

        errors.ShouldBeEmpty();
        (parsed.From, parsed.To).ShouldBe((DateOnly.Parse(from), DateOnly.Parse(to)));
        string.Join(' ', parsed.Months).ShouldBe(months);
    }

    [Fact]
    public void A_custom_range_touches_whole_months_across_a_year_end()
    {
        var errors = new Dictionary<string, string[]>();

        var parsed = ReportPeriod.Parse(null, "2025-12-15", "2026-01-10", errors)!;

        errors.ShouldBeEmpty();
        parsed.Name.ShouldBe("2025-12-15..2026-01-10");
        string.Join(' ', parsed.Months).ShouldBe("2025-12 2026-01");
        parsed.LastMonth.ShouldBe(new BillingMonth(2026, 1));
    }

    [Fact]
    public void A_custom_range_of_36_months_is_the_longest()
    {
        var errors = new Dictionary<string, string[]>();

        ReportPeriod.Parse(null, "2024-01-31", "2026-12-01", errors)!.Months.Count.ShouldBe(36);
        ReportPeriod.Parse(null, "2024-01-31", "2027-01-01", errors).ShouldBeNull();
        errors.Keys.ShouldBe(["to"]);
    }
}
