extern alias projection;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BillingOne.BuildingBlocks.Security;
using BillingOne.Contracts.Events;
using BillingOne.Testing;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using UsageProjectionScheduler = projection::BillingOne.Projection.Scheduling.UsageProjectionScheduler;

namespace BillingOne.Projection.Tests.Api;

/// <summary>
/// Usage projections fed through the bus with hand-computed buckets of March 2026 (31 days, the 1st a Sunday), in a
/// client time zone of UTC+11:
/// <list type="bullet">
/// <item>Alpha's "Backup GB" (sum): weekdays 10 units a day, weekends 2; observed after ten days at 76 (eight weekdays,
/// three weekend days, the 1st, 7th and 8th: 7 × 10 + 3 × 2). Linear: 76 / (10/31) = 235.60; the whole month
/// holds 22 weekdays and 9 weekend days, 238, which day-of-week projects exactly.</item>
/// <item>Bravo's "Seats" (max): 42.5 after 2.25 days, a level: projected at 42.5.</item>
/// <item>Bravo's "Tickets" (count, commit 50): 10, 30, 60 at the end of the first three days and 65 at noon of the
/// fourth, a level: projected at the 65 seen so far, never scaled by time (65 / (3.5/31) would be 575.71);
/// 250 + (65 − 50) × 1.00 = 265.00, 130.0 % of the commit.</item>
/// </list>
/// The backtest data are Backup GB's 13 finalized months, February 2025 to February 2026, with the same weekly pattern.
/// Each test is an organization of its own.
/// </summary>
[Trait("Category", "Integration")]
public sealed class UsageProjectionTests(ProjectionFixture fixture) : IClassFixture<ProjectionFixture>
{
    private const string Projections = "/api/projection/usage-projections";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly TimeSpan Sydney = TimeSpan.FromHours(11);
    private static readonly DateTimeOffset March = new(2026, 3, 1, 0, 0, 0, Sydney);

    private readonly Guid orgId = Guid.NewGuid();
    private readonly Guid alpha = Guid.NewGuid();
    private readonly Guid bravo = Guid.NewGuid();
    private readonly Guid backup = Guid.NewGuid();
    private readonly Guid seats = Guid.NewGuid();
    private readonly Guid tickets = Guid.NewGuid();

    [Fact]
    public async Task Without_a_backtest_sums_are_linear_and_levels_are_projected_at_the_level_seen()
    {
        await GivenTheCurrentPeriodsAsync();
        using var http = fixture.Host.ClientFor(orgId, Roles.ReadOnly);

        var page = await http.GetFromJsonAsync<PageDto<UsageProjectionDto>>(Projections, Json);

        page!.TotalCount.ShouldBe(3);
        page.Items.Select(Figures).ShouldBe(
        [
            // 250 + (65 − 50) × 1.00; 65 / 50 = 130.0 %
            ("Tickets", 65m, 65.00m, 265.00m, (decimal?)130.0m, "over-commit", "level"),
            // 100 + (235.60 − 200) × 0.125 = 104.45; 117.8 %
            ("Backup GB", 76m, 235.60m, 104.45m, 117.8m, "over-commit", "linear"),
            ("Seats", 42.5m, 42.50m, 80.00m, 85.0m, "on-track", "level"),
        ], "sorted by projected cost, largest first");
        var backupRow = page.Items.Single(row => row.BucketId == backup);
        (backupRow.ClientId, backupRow.ClientName, backupRow.UnitTypeKey, backupRow.Aggregation, backupRow.Currency,
            backupRow.CommitUnits, backupRow.Year, backupRow.Month)
            .ShouldBe((alpha, "Alpha Dental", "storage-gb", "sum", "AUD", 200m, 2026, 3));
        (backupRow.Enabled, backupRow.BasePrice, backupRow.OveragePrice).ShouldBe((true, 100m, 0.125m));
        backupRow.CalculatedAt.ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddMinutes(-5));

        var summary = await http.GetFromJsonAsync<SummaryDto>($"{Projections}/summary", Json);
        (summary!.Buckets, summary.OverCommit, summary.ProjectedRevenue, summary.Currency)
            .ShouldBe((3L, 2L, 449.45m, "AUD"), "265.00 + 104.45 + 80.00");
    }

    [Fact]
    public async Task Weekly_seasonality_in_the_finalized_periods_makes_day_of_week_the_method_of_sums()
    {
        await GivenTheCurrentPeriodsAsync();
        await GivenTheFinalizedPeriodsAsync();
        using var http = fixture.Host.ClientFor(orgId, Roles.ReadOnly);

        var backtest = await http.GetFromJsonAsync<BacktestDto>($"{Projections}/backtest", Json);

        backtest!.Days.ShouldBe(10);
        backtest.Items.ShouldBe(
        [
            // Linear is off by 11.85 % (Feb 2025), 8.35, 6.78, 1.01, 0, 5.85, 8.35, 6.78, 5.85, 7.27, 5.85, 1.01 and
            // 1.48 % (Feb 2026): 70.44 / 13 = 5.42 %. Ten days hold every weekday, so day-of-week is exact.
            new BacktestItemDto("sum", 13, 0, 5.418371m, 0.0m, null, "day-of-week", 0.0m),
            // A level is backtested with the level method only; an idle month scores nothing.
            new BacktestItemDto("count", 0, 1, null, null, null, "level", null),
        ]);
        var page = await http.GetFromJsonAsync<PageDto<UsageProjectionDto>>($"{Projections}?sort=bucket", Json);
        page!.Items.Select(Figures).ShouldBe(
        [
            // 100 + (238 − 200) × 0.125 = 104.75; 119.0 %
            ("Backup GB", 76m, 238.00m, 104.75m, (decimal?)119.0m, "over-commit", "day-of-week"),
            ("Seats", 42.5m, 42.50m, 80.00m, 85.0m, "on-track", "level"),
            ("Tickets", 65m, 65.00m, 265.00m, 130.0m, "over-commit", "level"),
        ]);
    }

    [Fact]
    public async Task The_newest_version_wins_and_removed_or_disabled_buckets_are_left_out()
    {
        await GivenTheCurrentPeriodsAsync();
        using var http = fixture.Host.ClientFor(orgId, Roles.ReadOnly);

        await PublishAsync(Tickets(version: 1) with { Usage = 1m, DailyUsage = [1m, 1m, 1m] });
        await PublishAsync(Seats(version: 3) with { Enabled = false });
        await PublishAsync(new BucketRemoved(orgId, backup, March.AddDays(12)));
        await PublishAsync(Backup(version: 3));

        var page = await http.GetFromJsonAsync<PageDto<UsageProjectionDto>>(Projections, Json);
        page!.Items.Select(Figures).ShouldBe(
            [("Tickets", 65m, 65.00m, 265.00m, (decimal?)130.0m, "over-commit", "level")],
            "Tickets' older version 1 is ignored, Seats is disabled, Backup GB was removed (a later observation too)");
    }

    [Fact]
    public async Task Filters_sort_and_paging_select_the_rows_and_the_export_has_exactly_them()
    {
        await GivenTheCurrentPeriodsAsync();
        using var http = fixture.Host.ClientFor(orgId, Roles.ReadOnly);

        async Task<string[]> Buckets(string query) =>
            [.. (await http.GetFromJsonAsync<PageDto<UsageProjectionDto>>($"{Projections}?{query}", Json))!.Items
                .Select(row => row.BucketName)];

        (await Buckets("status=on-track")).ShouldBe(["Seats"]);
        (await Buckets("status=over-commit&sort=percent-of-commit&direction=asc")).ShouldBe(["Backup GB", "Tickets"],
            "117.8 %, 130.0 %");
        (await Buckets("search=BRAVO&sort=bucket&direction=desc")).ShouldBe(["Tickets", "Seats"]);
        (await Buckets("search=backup")).ShouldBe(["Backup GB"]);
        (await Buckets($"clientId={alpha}")).ShouldBe(["Backup GB"]);
        (await Buckets("sort=client")).ShouldBe(["Backup GB", "Seats", "Tickets"], "Alpha, then Bravo's by bucket name");
        var second = await http.GetFromJsonAsync<PageDto<UsageProjectionDto>>($"{Projections}?pageSize=2&page=2", Json);
        (second!.Page, second.PageSize, second.TotalCount, second.Items.Single().BucketName).ShouldBe((2, 2, 3L, "Seats"));

        var lines = await http.CsvLinesAsync($"{Projections}/export?status=over-commit&sort=bucket");
        lines.Length.ShouldBe(3);
        lines[0].ShouldBe("Client ID,Client,Bucket ID,Bucket,Unit Type,Aggregation,Period,Current Usage,Projected Usage," +
            "Commit Units,Projected Cost,Currency,% of Commit,Status,Method,Calculated At");
        lines[1].ShouldStartWith($"{alpha},Alpha Dental,{backup},Backup GB,storage-gb,sum,2026-03,76,235.60,200,104.45,AUD,117.8,over-commit,linear,");
        lines[2].ShouldStartWith($"{bravo},Bravo Legal,{tickets},Tickets,ticket,count,2026-03,65,65.00,50,265.00,AUD,130.0,over-commit,level,");

        var summary = await http.GetFromJsonAsync<SummaryDto>($"{Projections}/summary?status=over-commit", Json);
        (summary!.Buckets, summary.OverCommit, summary.ProjectedRevenue).ShouldBe((2L, 2L, 369.45m), "104.45 + 265.00");
    }

    [Fact]
    public async Task A_projection_a_fraction_above_the_commit_is_over_it_on_the_list_and_the_dashboard()
    {
        // A yen bucket (commit 100, ¥5000, ¥1000 a unit above) at 31 after 230.63 of March's 744 hours:
        // 31 × 744 / 230.63 = 100.00434, shown as 100.00 but 0.00434 units over: ¥5000 + ¥4.34 = ¥5004.
        // February ended at 90, under the commit: a new overage.
        var yen = Backup(version: 2) with
        {
            CommitUnits = 100m,
            BasePrice = 5000m,
            OveragePrice = 1000m,
            Currency = "JPY",
            Usage = 31m,
            DailyUsage = [],
            ObservedAt = March.AddHours(230.63),
        };
        var february = yen with
        {
            Version = 1,
            Month = 2,
            PeriodStart = March.AddMonths(-1),
            PeriodEnd = March,
            ObservedAt = March,
            Usage = 90m,
            Final = true,
        };
        await PublishAsync(february);
        await PublishAsync(yen);
        using var http = fixture.Host.ClientFor(orgId, Roles.ReadOnly);

        var page = await http.GetFromJsonAsync<PageDto<UsageProjectionDto>>(Projections, Json);

        // The % of commit at full precision: over the commit, never a rounded 100.0.
        page!.Items.Select(Figures).ShouldBe([("Backup GB", 31m, 100.00m, 5004m, (decimal?)100.004336m,
            "over-commit", "linear")]);
        var dashboard = await http.GetFromJsonAsync<DashboardDto>("/api/projection/usage-dashboard", Json);
        dashboard!.NewOverages.Select(bucket => (bucket.BucketId, bucket.ProjectedCost)).ShouldBe([(backup, 5004m)]);
    }

    [Fact]
    public async Task Forty_mailboxes_counted_on_day_5_project_to_40_on_the_list_and_the_dashboard()
    {
        // A count of distinct reporting mailboxes: 40 at the start of March's 5th day (commit 50, 200.00 base, 5.00 a
        // mailbox above), and February ended at 40. Scaled by time it would be 40 / (4/31) = 310 mailboxes, costing
        // 200 + 260 × 5 = 1500.00 and a new overage; as the level it is 40: 80.0 % of the commit, the base 200.00.
        var mailboxes = Observation(tickets, bravo, "Bravo Legal", "Mailboxes", "count", 2026, 3, 2, 40m,
            [38m, 39m, 40m, 40m], March.AddDays(4)) with
        { UnitTypeKey = "mailbox", CommitUnits = 50m, BasePrice = 200m, OveragePrice = 5m };
        var february = mailboxes with
        {
            Version = 1,
            Month = 2,
            PeriodStart = March.AddMonths(-1),
            PeriodEnd = March,
            ObservedAt = March,
            DailyUsage = [.. Enumerable.Repeat(40m, 28)],
            Final = true,
        };
        await PublishAsync(february);
        await PublishAsync(mailboxes);
        using var http = fixture.Host.ClientFor(orgId, Roles.ReadOnly);

        var page = await http.GetFromJsonAsync<PageDto<UsageProjectionDto>>(Projections, Json);

        page!.Items.Select(Figures).ShouldBe([("Mailboxes", 40m, 40.00m, 200.00m, (decimal?)80.0m, "on-track", "level")]);
        var dashboard = await http.GetFromJsonAsync<DashboardDto>("/api/projection/usage-dashboard", Json);
        // February's line: 200 + max(0, 40 − 50) × 5 = 200.00; March projected at the same: no change.
        (dashboard!.ProjectedRevenue, dashboard.LastPeriodRevenue, dashboard.MonthOverMonthChange,
            dashboard.MonthOverMonthPercent).ShouldBe((200.00m, 200.00m, 0.00m, 0.0m));
        dashboard.NewOverages.ShouldBeEmpty("40 mailboxes are under the commit of 50");
    }

    [Theory]
    [InlineData("status=late", "status")]
    [InlineData("sort=usage", "sort")]
    [InlineData("direction=up", "direction")]
    [InlineData("clientId=alpha", "clientId")]
    [InlineData("pageSize=0", "pageSize")]
    public async Task A_bad_query_is_a_validation_problem_naming_the_parameter(string query, string parameter)
    {
        using var http = fixture.Host.ClientFor(orgId, Roles.ReadOnly);

        foreach (var path in new[] { Projections, $"{Projections}/export", $"{Projections}/summary" })
        {
            if (parameter == "pageSize" && path != Projections)
            {
                continue;
            }
            using var response = await http.GetAsync($"{path}?{query}");
            var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
            problem.ValidationErrors().Keys.ToArray().ShouldBe([parameter], customMessage: path);
        }
    }

    [Fact]
    public async Task A_client_scope_shows_only_its_clients_buckets_and_backtest()
    {
        await GivenTheCurrentPeriodsAsync();
        await GivenTheFinalizedPeriodsAsync();
        using var http = fixture.Host.ClientFor(orgId, Roles.ReadOnly, clientScope: bravo);

        var page = await http.GetFromJsonAsync<PageDto<UsageProjectionDto>>($"{Projections}?clientId={alpha}", Json);
        page!.TotalCount.ShouldBe(0);
        var all = await http.GetFromJsonAsync<PageDto<UsageProjectionDto>>(Projections, Json);
        all!.Items.Select(row => row.BucketName).ShouldBe(["Tickets", "Seats"]);
        var backtest = await http.GetFromJsonAsync<BacktestDto>($"{Projections}/backtest", Json);
        backtest!.Items.ShouldBe([new BacktestItemDto("count", 0, 1, null, null, null, "level", null)]);
    }

    [Fact]
    public async Task The_scheduled_pass_and_a_rebuild_give_the_same_rows()
    {
        await GivenTheCurrentPeriodsAsync();
        await GivenTheFinalizedPeriodsAsync();
        using var http = fixture.Host.ClientFor(orgId, Roles.ReadOnly);
        var before = await RowsAsync(http);

        await using (var connection = new NpgsqlConnection(fixture.Host.DatabaseConnectionString))
        {
            await connection.ExecuteAsync("""
                UPDATE bucket_usage_observations
                SET projected_usage = NULL, projected_cost = NULL, percent_of_commit = NULL, status = NULL, method = NULL,
                    calculated_at = NULL
                WHERE org_id = @orgId
                """, new { orgId });
        }
        (await RowsAsync(http)).ShouldBeEmpty("nothing is projected until the pass runs");
        (await fixture.Host.Services.GetRequiredService<UsageProjectionScheduler>().RecalculateAllAsync(default))
            .ShouldBeGreaterThanOrEqualTo(3);
        (await RowsAsync(http)).ShouldBe(before);

        using var admin = fixture.Host.ClientFor(orgId, Roles.Admin);
        (await Rebuilds.RunAsync(admin)).Status.ShouldBe("completed");
        (await RowsAsync(http)).ShouldBe(before);
        (await http.GetStringAsync($"{Projections}/backtest")).ShouldContain("\"chosenMethod\":\"day-of-week\"");
    }

    private async Task<List<UsageProjectionDto>> RowsAsync(HttpClient http) =>
        [.. (await http.GetFromJsonAsync<PageDto<UsageProjectionDto>>(Projections, Json))!.Items
            .Select(row => row with { CalculatedAt = default })];

    private static (string, decimal, decimal, decimal, decimal?, string, string) Figures(UsageProjectionDto row) =>
        (row.BucketName, row.CurrentUsage, row.ProjectedUsage, row.ProjectedCost, row.PercentOfCommit, row.Status,
            row.Method);

    private async Task GivenTheCurrentPeriodsAsync()
    {
        await PublishAsync(Backup(version: 2));
        await PublishAsync(Seats(version: 2));
        await PublishAsync(Tickets(version: 2));
    }

    /// <summary>Backup GB's months February 2025 – February 2026 and an idle February 2026 of Tickets.</summary>
    private async Task GivenTheFinalizedPeriodsAsync()
    {
        for (var index = 0; index < 13; index++)
        {
            var (year, month) = (2025 + (index + 1) / 12, (index + 1) % 12 + 1);
            var daily = Cumulative(Weekly(year, month));
            await PublishAsync(Observation(backup, alpha, "Alpha Dental", "Backup GB", "sum", year, month, 1,
                daily[^1], daily, DaysInto(year, month, DateTime.DaysInMonth(year, month))) with
            { Final = true });
        }
        await PublishAsync(Observation(tickets, bravo, "Bravo Legal", "Tickets", "count", 2026, 2, 1, 0m,
            [.. Enumerable.Repeat(0m, 28)], DaysInto(2026, 2, 28)) with
        { Final = true });
    }

    private BucketUsageObserved Backup(long version) => Observation(backup, alpha, "Alpha Dental", "Backup GB", "sum",
        2026, 3, version, 76m, Cumulative(Weekly(2026, 3).Take(10)), March.AddDays(10)) with
    { CommitUnits = 200m, BasePrice = 100m, OveragePrice = 0.125m };

    private BucketUsageObserved Seats(long version) => Observation(seats, bravo, "Bravo Legal", "Seats", "max", 2026, 3,
        version, 42.5m, [40m, 42.5m], March.AddDays(2.25)) with
    { UnitTypeKey = "seat", CommitUnits = 50m, BasePrice = 80m, OveragePrice = 2m };

    private BucketUsageObserved Tickets(long version) => Observation(tickets, bravo, "Bravo Legal", "Tickets", "count",
        2026, 3, version, 65m, [10m, 30m, 60m], March.AddDays(3.5)) with
    { UnitTypeKey = "ticket", CommitUnits = 50m, BasePrice = 250m, OveragePrice = 1m };

    private BucketUsageObserved Observation(Guid bucketId, Guid clientId, string clientName, string bucketName,
        string aggregation, int year, int month, long version, decimal usage, decimal[] daily, DateTimeOffset observedAt)
    {
        var start = new DateTimeOffset(year, month, 1, 0, 0, 0, Sydney);
        return new BucketUsageObserved(orgId, bucketId, version, clientId, clientName, bucketName, "storage-gb",
            aggregation, true, 200m, 100m, 0.125m, "AUD", year, month, start, start.AddMonths(1), observedAt, usage,
            daily, false);
    }

    private static DateTimeOffset DaysInto(int year, int month, int days) =>
        new DateTimeOffset(year, month, 1, 0, 0, 0, Sydney).AddDays(days);

    private static IEnumerable<decimal> Weekly(int year, int month) => Enumerable
        .Range(1, DateTime.DaysInMonth(year, month))
        .Select(day => new DateOnly(year, month, day).DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 2m : 10m);

    private static decimal[] Cumulative(IEnumerable<decimal> increments)
    {
        var total = 0m;
        return [.. increments.Select(increment => total += increment)];
    }

    private Task PublishAsync<T>(T message) where T : class => fixture.Host.PublishAndWaitAsync(message);

    private sealed record UsageProjectionDto(Guid ClientId, string? ClientName, Guid BucketId, string BucketName,
        string UnitTypeKey, string Aggregation, string Currency, decimal CommitUnits, decimal CurrentUsage,
        decimal ProjectedUsage, decimal ProjectedCost, decimal? PercentOfCommit, string Status, string Method, int Year,
        int Month, DateTimeOffset CalculatedAt, bool Enabled, decimal BasePrice, decimal OveragePrice);

    private sealed record SummaryDto(long Buckets, long OverCommit, decimal ProjectedRevenue, string? Currency,
        DateTimeOffset? CalculatedAt);

    private sealed record BacktestItemDto(string Aggregation, int PeriodsScored, int PeriodsWithZeroActual,
        decimal? LinearMape, decimal? DayOfWeekMape, decimal? LevelMape, string ChosenMethod, decimal? ChosenMape);

    private sealed record BacktestDto(int Days, List<BacktestItemDto> Items);
}
