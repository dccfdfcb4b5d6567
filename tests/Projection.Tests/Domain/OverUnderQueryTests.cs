using BillingOne.BuildingBlocks.Paging;
using BillingOne.Projection.Domain;
using SortDirection = BillingOne.BuildingBlocks.Paging.SortDirection;

namespace BillingOne.Projection.Tests.Domain;

[Trait("Category", "Unit")]
public sealed class OverUnderQueryTests
{
    [Theory]
    [InlineData("2026-10", 2026, 10)]
    [InlineData(" 2000-01 ", 2000, 1)]
    [InlineData("9999-12", 9999, 12)]
    public void A_period_is_a_month_written_year_dash_month(string value, int year, int month)
    {
        var errors = new Dictionary<string, string[]>();
        BillingMonth.Parse(value, "period", errors).ShouldBe(new BillingMonth(year, month));
        errors.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("2026-1")]
    [InlineData("2026/10")]
    [InlineData("october")]
    [InlineData("２０２６-10")]
    public void A_malformed_period_says_how_to_write_one(string value)
    {
        var errors = new Dictionary<string, string[]>();
        BillingMonth.Parse(value, "period", errors).ShouldBeNull();
        errors["period"].ShouldBe(["period must be a month written YYYY-MM, e.g. 2026-11."]);
    }

    [Theory]
    [InlineData("2026-13")]
    [InlineData("2026-00")]
    [InlineData("1999-12")]
    [InlineData("0000-01")]
    public void A_well_formed_period_out_of_range_says_the_range(string value)
    {
        var errors = new Dictionary<string, string[]>();
        BillingMonth.Parse(value, "period", errors).ShouldBeNull();
        errors["period"].ShouldBe(["period must be a month from 2000-01 to 9999-12."]);
    }

    [Fact]
    public void Months_read_back_as_written_and_know_the_one_before()
    {
        new BillingMonth(2026, 3).ToString().ShouldBe("2026-03");
        new BillingMonth(2026, 3).Previous.ShouldBe(new BillingMonth(2026, 2));
        new BillingMonth(2026, 1).Previous.ShouldBe(new BillingMonth(2025, 12));
        BillingMonth.Parse(null, "period", new Dictionary<string, string[]>()).ShouldBeNull("absent: the latest");
    }

    [Fact]
    public void By_default_the_latest_period_lists_every_client_by_name()
    {
        var errors = new Dictionary<string, string[]>();
        OverUnderClientQuery.Parse(null, null, null, null, null, null, null, paged: true, errors).ShouldBe(
            new OverUnderClientQuery(null, null, null, OverUnderClientSortField.Client, SortDirection.Ascending,
                PageRequest.First));
        errors.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("final-cost", OverUnderClientSortField.FinalCost, SortDirection.Descending)]
    [InlineData("VS-COMMIT", OverUnderClientSortField.VsCommit, SortDirection.Descending)]
    [InlineData("overage", OverUnderClientSortField.Overage, SortDirection.Descending)]
    [InlineData("buffer", OverUnderClientSortField.Buffer, SortDirection.Descending)]
    [InlineData("client", OverUnderClientSortField.Client, SortDirection.Ascending)]
    public void Figures_sort_largest_first_and_names_alphabetically(string sort, OverUnderClientSortField field,
        SortDirection direction)
    {
        var errors = new Dictionary<string, string[]>();
        var query = OverUnderClientQuery.Parse("2026-10", "Under-Commit", " acme ", sort, null, 2, 20, paged: true,
            errors)!;
        query.ShouldBe(new OverUnderClientQuery(new BillingMonth(2026, 10), ClientCommitStatuses.UnderCommit, "acme",
            field, direction, new PageRequest(2, 20)));
    }

    [Fact]
    public void Every_bad_parameter_is_named_and_the_export_reads_no_page()
    {
        var errors = new Dictionary<string, string[]>();
        OverUnderClientQuery.Parse("2026-13", "on-commit", new string('x', 201), "usage", "up", 0, 0, paged: true, errors)
            .ShouldBeNull();
        errors.Keys.ShouldBe(["period", "status", "search", "sort", "direction", "page", "pageSize"], ignoreOrder: true);
        errors["status"].ShouldBe(["status must be one of 'over-commit', 'under-commit', 'mixed'."]);

        var export = OverUnderClientQuery.Parse(null, "mixed", null, null, "desc", 0, 0, paged: false,
            new Dictionary<string, string[]>())!;
        (export.Status, export.Direction, export.Page).ShouldBe((ClientCommitStatuses.Mixed, SortDirection.Descending,
            (PageRequest?)null));
    }

    [Theory]
    [InlineData(null, true, 10)]
    [InlineData(1, true, 1)]
    [InlineData(100, true, 100)]
    [InlineData(5, false, null)]
    public void Right_size_lists_ten_candidates_unless_told_and_the_export_all(int? limit, bool limited, int? expected)
    {
        var errors = new Dictionary<string, string[]>();
        RightSizeQuery.Parse(null, " seat ", limit, limited, errors).ShouldBe(new RightSizeQuery(null, "seat", expected));
        errors.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    [InlineData(-1)]
    public void A_limit_out_of_range_is_an_error(int limit)
    {
        var errors = new Dictionary<string, string[]>();
        RightSizeQuery.Parse(null, null, limit, limited: true, errors).ShouldBeNull();
        errors["limit"].ShouldBe(["limit must be a whole number from 1 to 100."]);
    }

    [Theory]
    [InlineData(null, 12)]
    [InlineData(1, 1)]
    [InlineData(36, 36)]
    public void The_trend_covers_twelve_periods_unless_told(int? periods, int expected)
    {
        var errors = new Dictionary<string, string[]>();
        OverUnderTrendPeriods.Parse(periods, errors).ShouldBe(expected);
        errors.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(37)]
    public void A_trend_beyond_three_years_or_of_nothing_is_an_error(int periods)
    {
        var errors = new Dictionary<string, string[]>();
        OverUnderTrendPeriods.Parse(periods, errors);
        errors.Keys.ShouldBe(["periods"]);
    }
}
