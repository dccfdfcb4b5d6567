using System.Net.Http.Json;
using System.Text.Json;
using BillingOne.BuildingBlocks.Security;
using BillingOne.Contracts.Events;

namespace BillingOne.Projection.Tests.Api;

/// <summary>
/// Issue #18's year of metering analytics: twelve finalized months, March 2025 (i = 0) to February 2026 (i = 11), and
/// March 2026 observed part-way, in a client time zone of UTC+11, fed through the bus. Every figure the APIs return is
/// computed here by hand. Finalized daily series are even (day d holds final × d / days of the month for a sum, the
/// final level for the levels count and max), so a backtest from the first ten days is exact with each method. Buckets (commit units,
/// base, overage per unit), all AUD but Delta's:
/// <list type="bullet">
/// <item>Alpha Dental: "Alpha Backup" storage-gb sum, veeam (200, 100, 0.125): finals 180 + 10·i; March 100 after 10 days.</item>
/// <item>Bravo Legal: "Bravo Seats" seat max, every source (50, 80, 2): finals 40, February 2026 45; March 55.
/// "Bravo Tickets" ticket count, halo (500, 250, 1): finals 500; March 250 after 15.5 days.</item>
/// <item>Charlie Cafe: "Charlie Backup" storage-gb sum, veeam (100, 50, 0.5): finals 120 (even i) / 90 (odd i); March 40
/// after 10 days. "Charlie Seats" seat max, every source (10, 30, 4): finals 12; March 12.</item>
/// <item>Delta Dairy: "Delta Backup" storage-gb sum, veeam, NZD (100, 40, 1): finals 150; March 60 after 10 days.</item>
/// <item>Echo Eng: "Echo Backup" storage-gb sum, veeam, disabled (10, 1000, 100): finals 50; March 30. Its money would
/// stand out anywhere it were counted.</item>
/// </list>
/// Final lines that recur (base line + overage $, buffer $ = buffer units × base / commit):
/// <code>
///                 i      usage          line                          buffer
/// Alpha Backup    0      180 under      100                           20 × 100 / 200 = 10.00
///                 1      190 under      100                           10 × 0.5 = 5.00
///                 2      200 on         100
///                 ≥ 3    180 + 10·i     100 + (10·i − 20) × 0.125 = 100 + 1.25·i − 2.50
/// Bravo Seats     ≤ 10   40 under       80                            10 × 80 / 50 = 16.00
///                 11     45 under       80                            5 × 1.6 = 8.00
/// Bravo Tickets   all    500 on         250
/// Charlie Backup  even   120 over       50 + 20 × 0.5 = 60.00
///                 odd    90 under       50                            10 × 50 / 100 = 5.00
/// Charlie Seats   all    12 over        30 + 2 × 4 = 38.00
/// Delta (NZD)     all    150 over       40 + 50 × 1 = 90.00
/// </code>
/// The sum backtest is a tie (both errors 0), so March's sums are projected linearly and its levels (count, max) at the
/// level seen so far: Alpha 100 / (10/31) = 310.00, 100 + 110 × 0.125 = 113.75; Bravo Seats 55.00, 80 + 5 × 2 = 90.00;
/// Bravo Tickets 250.00 (a count, never 250 / (15.5/31) = 500), 250.00; Charlie Backup 40 × 3.1 = 124.00, 50 + 24 × 0.5 = 62.00; Charlie Seats 12.00, 38.00; Delta 60 × 3.1 = 186.00,
/// NZD 40 + 86 = 126.00. AUD: 113.75 + 90.00 + 250.00 + 62.00 + 38.00 = 553.75.
/// </summary>
[Trait("Category", "Integration")]
public sealed class UsageAnalyticsYearTests(ProjectionFixture fixture) : IClassFixture<ProjectionFixture>
{
    private const string OverUnder = "/api/projection/over-under";
    private const string Dashboard = "/api/projection/usage-dashboard";
    private const string Projections = "/api/projection/usage-projections";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly TimeSpan Sydney = TimeSpan.FromHours(11);

    private readonly Guid orgId = Guid.NewGuid();
    private readonly Guid alpha = Guid.NewGuid();
    private readonly Guid bravo = Guid.NewGuid();
    private readonly Guid charlie = Guid.NewGuid();
    private readonly Guid delta = Guid.NewGuid();
    private readonly Guid echo = Guid.NewGuid();
    private readonly Guid alphaBackupId = Guid.NewGuid();
    private readonly Guid bravoSeatsId = Guid.NewGuid();
    private readonly Guid bravoTicketsId = Guid.NewGuid();
    private readonly Guid charlieBackupId = Guid.NewGuid();
    private readonly Guid charlieSeatsId = Guid.NewGuid();
    private readonly Guid deltaBackupId = Guid.NewGuid();
    private readonly Guid echoBackupId = Guid.NewGuid();

    private Bucket AlphaBackup => new(alphaBackupId, alpha, "Alpha Dental", "Alpha Backup", "storage-gb", "sum", 200m,
        100m, 0.125m, "veeam");

    private Bucket BravoSeats => new(bravoSeatsId, bravo, "Bravo Legal", "Bravo Seats", "seat", "max", 50m, 80m, 2m, null);

    private Bucket BravoTickets => new(bravoTicketsId, bravo, "Bravo Legal", "Bravo Tickets", "ticket", "count", 500m,
        250m, 1m, "halo");

    private Bucket CharlieBackup => new(charlieBackupId, charlie, "Charlie Cafe", "Charlie Backup", "storage-gb", "sum",
        100m, 50m, 0.5m, "veeam");

    private Bucket CharlieSeats => new(charlieSeatsId, charlie, "Charlie Cafe", "Charlie Seats", "seat", "max", 10m, 30m,
        4m, null);

    private Bucket DeltaBackup => new(deltaBackupId, delta, "Delta Dairy", "Delta Backup", "storage-gb", "sum", 100m, 40m,
        1m, "veeam", Currency: "NZD");

    private Bucket EchoBackup => new(echoBackupId, echo, "Echo Eng", "Echo Backup", "storage-gb", "sum", 10m, 1000m, 100m,
        "veeam", Enabled: false);

    [Fact]
    public async Task The_dashboard_compares_marchs_projections_with_februarys_billing()
    {
        await GivenTheYearAsync();
        using var http = fixture.Host.ClientFor(orgId, Roles.ReadOnly);

        await TheDashboardIsAsHandComputedAsync(http);
    }

    [Fact]
    public async Task The_projections_their_summary_and_the_backtest_are_as_computed_by_hand()
    {
        await GivenTheYearAsync();
        using var http = fixture.Host.ClientFor(orgId, Roles.ReadOnly);

        await TheProjectionsAreAsHandComputedAsync(http);
    }

    [Fact]
    public async Task The_over_under_summary_and_client_table_hold_the_hand_computed_lines_of_any_period()
    {
        await GivenTheYearAsync();
        using var http = fixture.Host.ClientFor(orgId, Roles.ReadOnly);

        await TheOverUnderSummaryAndClientsAreAsHandComputedAsync(http);
    }

    [Fact]
    public async Task The_trend_has_the_twelve_finalized_months_overage_and_buffer()
    {
        await GivenTheYearAsync();
        using var http = fixture.Host.ClientFor(orgId, Roles.ReadOnly);

        await TheTrendIsAsHandComputedAsync(http);
    }

    [Fact]
    public async Task Right_size_candidates_and_unit_types_are_as_computed_by_hand()
    {
        await GivenTheYearAsync();
        using var http = fixture.Host.ClientFor(orgId, Roles.ReadOnly);

        await RightSizeAndUnitTypesAreAsHandComputedAsync(http);
    }

    [Fact]
    public async Task A_rebuild_from_the_event_log_gives_every_hand_computed_figure_again()
    {
        await GivenTheYearAsync();
        using var http = fixture.Host.ClientFor(orgId, Roles.ReadOnly);
        using var admin = fixture.Host.ClientFor(orgId, Roles.Admin);
        async Task EveryFigureIsAsHandComputedAsync()
        {
            await TheDashboardIsAsHandComputedAsync(http);
            await TheProjectionsAreAsHandComputedAsync(http);
            await TheOverUnderSummaryAndClientsAreAsHandComputedAsync(http);
            await TheTrendIsAsHandComputedAsync(http);
            await RightSizeAndUnitTypesAreAsHandComputedAsync(http);
        }
        await EveryFigureIsAsHandComputedAsync();

        var rebuild = await Rebuilds.RunAsync(admin);

        // Seven buckets' twelve finalized months and their March observations.
        (rebuild.Status, rebuild.EventsTotal, rebuild.EventsReplayed).ShouldBe(("completed", (long?)91, 91L));
        await EveryFigureIsAsHandComputedAsync();
    }

    private async Task TheDashboardIsAsHandComputedAsync(HttpClient http)
    {
        var dashboard = (await http.GetFromJsonAsync<DashboardDto>(Dashboard, Json))!;

        // AUD has five projections and five February buckets against NZD's one and one; Echo is disabled.
        (dashboard.Period, dashboard.LastPeriod, dashboard.Currency).ShouldBe(("2026-03", "2026-02", "AUD"));
        // February: Alpha 100 + (290 − 200) × 0.125 = 111.25, Bravo 80 + 250, Charlie 50 + 38.00: 529.25.
        // 553.75 − 529.25 = 24.50; 24.50 / 529.25 = 4.63 %.
        (dashboard.ProjectedRevenue, dashboard.LastPeriodRevenue, dashboard.MonthOverMonthChange,
            dashboard.MonthOverMonthPercent).ShouldBe((553.75m, 529.25m, 24.50m, 4.629192m));
        dashboard.NewOverages.ShouldBe(
        [
            // 124 / 100, February 90 / 100; 55 / 50, February 45 / 50. Alpha Backup (290), Charlie Seats (12) and
            // Delta (150) were over already.
            new NewOverageDto(charlie, "Charlie Cafe", charlieBackupId, "Charlie Backup", 100m, 124.00m, 124.0m, 90.0m,
                62.00m),
            new NewOverageDto(bravo, "Bravo Legal", bravoSeatsId, "Bravo Seats", 50m, 55.00m, 110.0m, 90.0m, 90.00m),
        ], "highest % of commit first");
        dashboard.TopClients.ShouldBe(
        [
            // 90.00 + 250.00 = 340.00, 61.40 % of 553.75; 113.75, 20.54 %; 62.00 + 38.00 = 100.00, 18.06 %.
            new TopClientDto(bravo, "Bravo Legal", 340.00m, 61.399549m),
            new TopClientDto(alpha, "Alpha Dental", 113.75m, 20.541761m),
            new TopClientDto(charlie, "Charlie Cafe", 100.00m, 18.058691m),
        ], "Delta's projection is in NZD");
        // Statuses are usage against commit, not money, so every currency's clients count (as on the Over/Under
        // summary): Alpha and Delta over; Bravo under (seats) and on (tickets); Charlie under (backup), over (seats).
        dashboard.LastPeriodStatus.ShouldBe(new StatusCountsDto(2, 1, 1, 0));
        dashboard.RevenueBySourceType.ShouldBe(
        [
            // halo: Bravo Tickets 250, 47.24 %; veeam: 111.25 + 50 = 161.25, 30.47 %; any: 80 + 38 = 118, 22.30 %.
            new SourceTypeDto("halo", 250.00m, 47.236656m),
            new SourceTypeDto("veeam", 161.25m, 30.467643m),
            new SourceTypeDto("any-source", 118.00m, 22.295701m),
        ]);
        // AUD's clients: 529.25 / 3 = 176.416…
        (dashboard.AverageRevenuePerClient, dashboard.ClientsBilledLastPeriod).ShouldBe((176.42m, 3));
        dashboard.LastProjectionAt.ShouldNotBeNull();
    }

    private async Task TheProjectionsAreAsHandComputedAsync(HttpClient http)
    {
        var page = await http.GetFromJsonAsync<PageDto<ProjectionDto>>(Projections, Json);

        page!.TotalCount.ShouldBe(6, "Echo is disabled");
        page.Items.Select(row => (row.BucketName, row.ClientId, row.Aggregation, row.Currency, row.Year, row.Month,
            row.CurrentUsage, row.ProjectedUsage, row.ProjectedCost, row.PercentOfCommit, row.Status, row.Method)).ShouldBe(
        [
            // A count is a level: the 250 tickets seen so far, 50.0 % of the 500 commit, not 250 / (15.5/31) = 500.
            ("Bravo Tickets", bravo, "count", "AUD", 2026, 3, 250m, 250.00m, 250.00m, (decimal?)50.0m, "on-track",
                "level"),
            ("Delta Backup", delta, "sum", "NZD", 2026, 3, 60m, 186.00m, 126.00m, 186.0m, "over-commit", "linear"),
            ("Alpha Backup", alpha, "sum", "AUD", 2026, 3, 100m, 310.00m, 113.75m, 155.0m, "over-commit", "linear"),
            ("Bravo Seats", bravo, "max", "AUD", 2026, 3, 55m, 55.00m, 90.00m, 110.0m, "over-commit", "level"),
            ("Charlie Backup", charlie, "sum", "AUD", 2026, 3, 40m, 124.00m, 62.00m, 124.0m, "over-commit", "linear"),
            ("Charlie Seats", charlie, "max", "AUD", 2026, 3, 12m, 12.00m, 38.00m, 120.0m, "over-commit", "level"),
        ], "by projected cost, whatever its currency");

        var summary = await http.GetFromJsonAsync<ProjectionSummaryDto>($"{Projections}/summary", Json);
        // Counts span both currencies; revenue is AUD's (five buckets against one).
        (summary!.Buckets, summary.OverCommit, summary.ProjectedRevenue, summary.Currency)
            .ShouldBe((6L, 5L, 553.75m, "AUD"));
        var overCommit = await http.GetFromJsonAsync<ProjectionSummaryDto>($"{Projections}/summary?status=over-commit",
            Json);
        // 113.75 + 90.00 + 62.00 + 38.00
        (overCommit!.Buckets, overCommit.OverCommit, overCommit.ProjectedRevenue).ShouldBe((5L, 5L, 303.75m));
        var lines = await http.CsvLinesAsync($"{Projections}/export?status=on-track");
        lines.Length.ShouldBe(2);
        lines[1].ShouldStartWith($"{bravo},Bravo Legal,{bravoTicketsId},Bravo Tickets,ticket,count,2026-03,250,250.00," +
            "500,250.00,AUD,50.0,on-track,level,");

        var backtest = await http.GetFromJsonAsync<BacktestDto>($"{Projections}/backtest", Json);
        backtest!.Days.ShouldBe(10);
        backtest.Items.ShouldBe(
        [
            // Even series: after ten days a sum stands at final × 10 / days, which linear (÷ 10 / days) and
            // day-of-week (the same increment every day) both take back to the final exactly, a tie at 0 that keeps
            // linear; a count or a max is at its final level already, which the level method holds. The backtest takes
            // every finalized period of every bucket: Alpha, Charlie, Delta (NZD) and the disabled Echo are 4 × 12 sums.
            new BacktestItemDto("sum", 48, 0, 0.0m, 0.0m, null, "linear", 0.0m),
            new BacktestItemDto("count", 12, 0, null, null, 0.0m, "level", 0.0m),
            new BacktestItemDto("max", 24, 0, null, null, 0.0m, "level", 0.0m),
        ]);
    }

    private async Task TheOverUnderSummaryAndClientsAreAsHandComputedAsync(HttpClient http)
    {
        string[] months =
        [
            "2026-02", "2026-01", "2025-12", "2025-11", "2025-10", "2025-09", "2025-08", "2025-07", "2025-06", "2025-05",
            "2025-04", "2025-03",
        ];
        var february = await http.GetFromJsonAsync<OverUnderSummaryDto>($"{OverUnder}/summary", Json);
        // Clients over every currency: Alpha and Delta over, Bravo under, Charlie mixed. AUD money (five buckets
        // against NZD's one): cost 111.25 + 80 + 250 + 50 + 38 = 529.25; committed 100 + 80 + 250 + 50 + 30 = 510;
        // overage 11.25 + 8.00; buffer Bravo Seats 8.00 + Charlie Backup 5.00.
        february.ShouldBeEquivalentTo(new OverUnderSummaryDto("2026-02", [.. months], "AUD", 4, 2, 1, 1, 0, 529.25m,
            510.00m, 19.25m, 13.00m));
        // May 2025 (i = 2): Alpha at 200 is on its commit, Bravo under, Charlie over in both, Delta over. Cost
        // 100 + 80 + 250 + 60 + 38 = 528; overage Charlie 10.00 + 8.00; buffer Bravo Seats 16.00.
        var may = await http.GetFromJsonAsync<OverUnderSummaryDto>($"{OverUnder}/summary?period=2025-05", Json);
        may.ShouldBeEquivalentTo(new OverUnderSummaryDto("2025-05", [.. months], "AUD", 4, 2, 1, 0, 1, 528.00m, 510.00m,
            18.00m, 16.00m));

        var page = await http.GetFromJsonAsync<PageDto<OverUnderClientDto>>($"{OverUnder}/clients", Json);
        page!.TotalCount.ShouldBe(4);
        page.Items.ShouldBeEquivalentTo(new List<OverUnderClientDto>
        {
            new(alpha, "Alpha Dental", ["storage-gb"], "over-commit", "AUD", 111.25m, 100.00m, 11.25m, 11.25m, 0.00m),
            // Seats 80 + Tickets 250; vs commit 0 − 8.00.
            new(bravo, "Bravo Legal", ["seat", "ticket"], "under-commit", "AUD", 330.00m, 330.00m, -8.00m, 0.00m, 8.00m),
            // Backup 50 + Seats 38; vs commit 8.00 − 5.00.
            new(charlie, "Charlie Cafe", ["seat", "storage-gb"], "mixed", "AUD", 88.00m, 80.00m, 3.00m, 8.00m, 5.00m),
            new(delta, "Delta Dairy", ["storage-gb"], "over-commit", "NZD", 90.00m, 40.00m, 50.00m, 50.00m, 0.00m),
        }, "by client name, each in its own currency; Echo is disabled");
        (await http.GetFromJsonAsync<PageDto<OverUnderClientDto>>($"{OverUnder}/clients?sort=vs-commit", Json))!.Items
            .Select(row => row.ClientName).ShouldBe(["Delta Dairy", "Alpha Dental", "Charlie Cafe", "Bravo Legal"],
                "50.00, 11.25, 3.00, −8.00");

        (await http.CsvLinesAsync($"{OverUnder}/clients/export?period=2025-05")).ShouldBe(
        [
            "Period,Client ID,Client,Unit Types,Status,Currency,Final Cost,Committed,vs Commit,Overage,Buffer",
            $"2025-05,{alpha},Alpha Dental,storage-gb,on-commit,AUD,100.00,100.00,0.00,0.00,0.00",
            $"2025-05,{bravo},Bravo Legal,seat; ticket,under-commit,AUD,330.00,330.00,-16.00,0.00,16.00",
            // Backup 50 + 10.00 and Seats 30 + 8.00.
            $"2025-05,{charlie},Charlie Cafe,seat; storage-gb,over-commit,AUD,98.00,80.00,18.00,18.00,0.00",
            $"2025-05,{delta},Delta Dairy,storage-gb,over-commit,NZD,90.00,40.00,50.00,50.00,0.00",
        ]);
    }

    private async Task TheTrendIsAsHandComputedAsync(HttpClient http)
    {
        var trend = await http.GetFromJsonAsync<TrendDto>($"{OverUnder}/trend", Json);

        // Overage = Alpha max(0, 1.25·i − 2.50) + Charlie Backup 10.00 (even i) + Charlie Seats 8.00; buffer = Alpha
        // 10.00 / 5.00 (i = 0 / 1) + Bravo Seats 16.00 (8.00 at i = 11) + Charlie Backup 5.00 (odd i). AUD: 60
        // buckets against NZD's 12.
        trend.ShouldBeEquivalentTo(new TrendDto("AUD",
        [
            new TrendPointDto("2025-03", 18.00m, 26.00m), // 10 + 8; 10 + 16
            new TrendPointDto("2025-04", 8.00m, 26.00m), // 8; 5 + 16 + 5
            new TrendPointDto("2025-05", 18.00m, 16.00m), // Alpha on commit
            new TrendPointDto("2025-06", 9.25m, 21.00m), // 1.25 + 8; 16 + 5
            new TrendPointDto("2025-07", 20.50m, 16.00m), // 2.50 + 10 + 8
            new TrendPointDto("2025-08", 11.75m, 21.00m), // 3.75 + 8
            new TrendPointDto("2025-09", 23.00m, 16.00m), // 5.00 + 18
            new TrendPointDto("2025-10", 14.25m, 21.00m), // 6.25 + 8
            new TrendPointDto("2025-11", 25.50m, 16.00m), // 7.50 + 18
            new TrendPointDto("2025-12", 16.75m, 21.00m), // 8.75 + 8
            new TrendPointDto("2026-01", 28.00m, 16.00m), // 10.00 + 18
            new TrendPointDto("2026-02", 19.25m, 13.00m), // 11.25 + 8; 8 + 5
        ]));
        (await http.GetFromJsonAsync<TrendDto>($"{OverUnder}/trend?periods=36", Json)).ShouldBeEquivalentTo(trend,
            "there are only twelve finalized months");
    }

    private async Task RightSizeAndUnitTypesAreAsHandComputedAsync(HttpClient http)
    {
        var february = await http.GetFromJsonAsync<RightSizeDto>($"{OverUnder}/right-size", Json);
        february.ShouldBeEquivalentTo(new RightSizeDto("2026-02", "AUD", 13.00m,
        [
            // 8.00 / (80 + 250) = 2.42 %; 5.00 / (50 + 30) = 6.25 % (half away from zero).
            new CandidateDto(bravo, "Bravo Legal", ["seat", "ticket"], 330.00m, 8.00m, 5m, 2.424242m),
            new CandidateDto(charlie, "Charlie Cafe", ["seat", "storage-gb"], 80.00m, 5.00m, 10m, 6.25m),
        ]));
        (await http.CsvLinesAsync($"{OverUnder}/right-size/export")).ShouldBe(
        [
            "Period,Client ID,Client,Unit Types,Currency,Committed,Buffer,Buffer Units,% Unused",
            $"2026-02,{bravo},Bravo Legal,seat; ticket,AUD,330.00,8.00,5,2.424242",
            $"2026-02,{charlie},Charlie Cafe,seat; storage-gb,AUD,80.00,5.00,10,6.25",
        ]);
        var seats = await http.GetFromJsonAsync<RightSizeDto>($"{OverUnder}/right-size?unitType=seat", Json);
        // Only Bravo's seats (5 × 1.60, of 80.00) left buffer; Charlie's were over.
        seats.ShouldBeEquivalentTo(new RightSizeDto("2026-02", "AUD", 8.00m,
            [new CandidateDto(bravo, "Bravo Legal", ["seat"], 80.00m, 8.00m, 5m, 10.0m)]));
        var march = await http.GetFromJsonAsync<RightSizeDto>($"{OverUnder}/right-size?period=2025-03", Json);
        march.ShouldBeEquivalentTo(new RightSizeDto("2025-03", "AUD", 26.00m,
        [
            // 16.00 / 330 = 4.85 %; Alpha 10.00 / 100 (Charlie's backup was over in March).
            new CandidateDto(bravo, "Bravo Legal", ["seat", "ticket"], 330.00m, 16.00m, 10m, 4.848485m),
            new CandidateDto(alpha, "Alpha Dental", ["storage-gb"], 100.00m, 10.00m, 20m, 10.0m),
        ]));

        var unitTypes = await http.GetFromJsonAsync<UnitTypesDto>($"{OverUnder}/unit-types", Json);
        unitTypes.ShouldBeEquivalentTo(new UnitTypesDto("2026-02", "AUD",
        [
            // Bravo 45 − 50, Charlie 12 − 10.
            new UnitTypeDto("seat", 2, -3m, 8.00m, 8.00m),
            // Alpha 290 − 200, Charlie 90 − 100; Delta's NZD backup is not counted.
            new UnitTypeDto("storage-gb", 2, 80m, 11.25m, 5.00m),
            new UnitTypeDto("ticket", 1, 0m, 0.00m, 0.00m),
        ]));
        (await http.CsvLinesAsync($"{OverUnder}/unit-types/export?period=2025-03")).ShouldBe(
        [
            "Period,Unit Type,Currency,Buckets,Delta Units,Overage,Buffer",
            // Bravo 40 − 50, Charlie 12 − 10.
            "2025-03,seat,AUD,2,-8,8.00,16.00",
            // Alpha 180 − 200, Charlie 120 − 100.
            "2025-03,storage-gb,AUD,2,0,10.00,10.00",
            "2025-03,ticket,AUD,1,0,0.00,0.00",
        ]);
    }

    /// <summary>The twelve finalized months of every bucket, then March 2026 so far.</summary>
    private async Task GivenTheYearAsync()
    {
        for (var i = 0; i < 12; i++)
        {
            var (year, month) = (2025 + (i + 2) / 12, (i + 2) % 12 + 1);
            await PublishFinalAsync(AlphaBackup, year, month, 180m + 10m * i);
            await PublishFinalAsync(BravoSeats, year, month, i == 11 ? 45m : 40m);
            await PublishFinalAsync(BravoTickets, year, month, 500m);
            await PublishFinalAsync(CharlieBackup, year, month, i % 2 == 0 ? 120m : 90m);
            await PublishFinalAsync(CharlieSeats, year, month, 12m);
            await PublishFinalAsync(DeltaBackup, year, month, 150m);
            await PublishFinalAsync(EchoBackup, year, month, 50m);
        }
        await PublishMarchAsync(AlphaBackup, 10, Rising(10m, 10));
        await PublishMarchAsync(BravoSeats, 10, Level(55m, 10));
        // 16 tickets a day for fifteen days, and 10 more by noon of the sixteenth.
        await fixture.Host.PublishAndWaitAsync(Observation(BravoTickets, 2026, 3, 250m, Rising(16m, 15), 15.5, false));
        await PublishMarchAsync(CharlieBackup, 10, Rising(4m, 10));
        await PublishMarchAsync(CharlieSeats, 10, Level(12m, 10));
        await PublishMarchAsync(DeltaBackup, 10, Rising(6m, 10));
        await PublishMarchAsync(EchoBackup, 10, Rising(3m, 10));
    }

    private Task PublishFinalAsync(Bucket bucket, int year, int month, decimal usage)
    {
        var days = DateTime.DaysInMonth(year, month);
        decimal[] daily = [.. Enumerable.Range(1, days)
            .Select(day => bucket.Aggregation is "sum" ? usage * day / days : usage)];
        return fixture.Host.PublishAndWaitAsync(Observation(bucket, year, month, usage, daily, days, true));
    }

    private Task PublishMarchAsync(Bucket bucket, int days, decimal[] daily) =>
        fixture.Host.PublishAndWaitAsync(Observation(bucket, 2026, 3, daily[^1], daily, days, false));

    private static decimal[] Rising(decimal perDay, int days) =>
        [.. Enumerable.Range(1, days).Select(day => perDay * day)];

    private static decimal[] Level(decimal level, int days) => [.. Enumerable.Repeat(level, days)];

    private BucketUsageObserved Observation(Bucket bucket, int year, int month, decimal usage, decimal[] daily,
        double daysObserved, bool final)
    {
        var start = new DateTimeOffset(year, month, 1, 0, 0, 0, Sydney);
        return new BucketUsageObserved(orgId, bucket.Id, 1, bucket.ClientId, bucket.ClientName, bucket.Name,
            bucket.UnitTypeKey, bucket.Aggregation, bucket.Enabled, bucket.CommitUnits, bucket.BasePrice,
            bucket.OveragePrice, bucket.Currency, year, month, start, start.AddMonths(1), start.AddDays(daysObserved),
            usage, daily, final, bucket.SourceType);
    }

    private sealed record Bucket(Guid Id, Guid ClientId, string ClientName, string Name, string UnitTypeKey,
        string Aggregation, decimal CommitUnits, decimal BasePrice, decimal OveragePrice, string? SourceType,
        string Currency = "AUD", bool Enabled = true);

    private sealed record ProjectionDto(Guid ClientId, string? ClientName, Guid BucketId, string BucketName,
        string UnitTypeKey, string Aggregation, string Currency, decimal CommitUnits, decimal CurrentUsage,
        decimal ProjectedUsage, decimal ProjectedCost, decimal? PercentOfCommit, string Status, string Method, int Year,
        int Month);

    private sealed record ProjectionSummaryDto(long Buckets, long OverCommit, decimal ProjectedRevenue, string? Currency);

    private sealed record BacktestItemDto(string Aggregation, int PeriodsScored, int PeriodsWithZeroActual,
        decimal? LinearMape, decimal? DayOfWeekMape, decimal? LevelMape, string ChosenMethod, decimal? ChosenMape);

    private sealed record BacktestDto(int Days, List<BacktestItemDto> Items);
}
