using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BillingOne.BuildingBlocks.Security;
using BillingOne.Contracts.Events;
using BillingOne.Testing;

namespace BillingOne.Projection.Tests.Api;

/// <summary>
/// The Over/Under screen and the usage dashboard over a hand-computed organization, fed through the bus. Every bucket is
/// a <c>max</c> bucket, so a current period's projection holds its usage so far. Prices (commit units, base, overage
/// per unit), all AUD but Delta's:
/// <list type="bullet">
/// <item>Alpha Dental: "Alpha Backup" storage-gb, source agent (100, 50, 0.5); "Alpha Seats" seat, every source (10, 30, 4);
/// "Alpha Archive" storage-gb, disabled (10, 1000, 100): left out of every figure.</item>
/// <item>Bravo Legal: "Bravo Backup" storage-gb, agent (200, 100, 0.25).</item>
/// <item>Charlie Cafe: "Charlie Tickets" ticket, psa (3, 10, 1.333).</item>
/// <item>Delta Dairy: "Delta Backup" storage-gb, agent, NZD (50, 40, 1).</item>
/// <item>Echo Eng: "Echo Seats" seat (10, 20, 1), new in November: no finalized period.</item>
/// </list>
/// Final usage (lines: base line + overage $ = cost; buffer $ = buffer units × base / commit, each rounded once):
/// <code>
///               2026-08                    2026-09                     2026-10
/// Alpha Backup  100 on   50 + 0     = 50   90 under  50, buffer 5.00   130 over  50 + 15.00 = 65
/// Alpha Seats   12 over  30 + 8.00  = 38   10 on     30                7 under   30, buffer 9.00 (3 × 30 / 10)
/// Bravo Backup  200 on   100              250 over  100 + 12.50       150 under 100, buffer 25.00 (50 × 100 / 200)
/// Charlie Tix   4 over   10 + 1.33 (1.333) 2 under   10, buffer 3.33   3 on      10
/// Delta (NZD)   20 under 40, buffer 24.00  50 on     40                60 over   40 + 10.00 = 50
/// </code>
/// November 2026 is the current period (projected = usage so far): Alpha Backup 120 (50 + 10.00 = 60.00), Alpha Seats
/// 12 (30 + 8.00 = 38.00), Bravo Backup 300 (100 + 25.00 = 125.00), Charlie 2 (10.00), Delta 55 (NZD 45.00), Echo 15
/// (20 + 5.00 = 25.00), Alpha Archive 500 (disabled).
/// </summary>
[Trait("Category", "Integration")]
public sealed class UsageAnalyticsTests(ProjectionFixture fixture) : IClassFixture<ProjectionFixture>
{
    private const string OverUnder = "/api/projection/over-under";
    private const string Dashboard = "/api/projection/usage-dashboard";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Guid orgId = Guid.NewGuid();
    private readonly Guid alpha = Guid.NewGuid();
    private readonly Guid bravo = Guid.NewGuid();
    private readonly Guid charlie = Guid.NewGuid();
    private readonly Guid delta = Guid.NewGuid();
    private readonly Guid echo = Guid.NewGuid();
    private readonly Guid alphaBackup = Guid.NewGuid();
    private readonly Guid alphaSeats = Guid.NewGuid();
    private readonly Guid alphaArchive = Guid.NewGuid();
    private readonly Guid bravoBackup = Guid.NewGuid();
    private readonly Guid charlieTickets = Guid.NewGuid();
    private readonly Guid deltaBackup = Guid.NewGuid();
    private readonly Guid echoSeats = Guid.NewGuid();

    [Fact]
    public async Task The_summary_totals_a_finalized_period_in_its_main_currency_and_counts_clients_by_status()
    {
        await GivenTheOrganizationAsync();
        using var http = fixture.Host.ClientFor(orgId, Roles.ReadOnly);

        var latest = await http.GetFromJsonAsync<OverUnderSummaryDto>($"{OverUnder}/summary", Json);
        // October: Alpha mixed (Backup over, Seats under), Bravo under, Charlie on, Delta over. AUD has four buckets,
        // NZD one. Final cost 65 + 30 + 100 + 10; committed 50 + 30 + 100 + 10; overage 15.00; buffer 9.00 + 25.00.
        latest.ShouldBeEquivalentTo(new OverUnderSummaryDto("2026-10", ["2026-10", "2026-09", "2026-08"], "AUD", 4, 1, 1, 1, 1, 205.00m,
            190.00m, 15.00m, 34.00m));

        // September: Alpha under (Backup under, Seats on), Bravo over, Charlie under, Delta on;
        // 50 + 30 + 112.50 + 10 = 202.50; buffer 5.00 + 3.33.
        var september = await http.GetFromJsonAsync<OverUnderSummaryDto>($"{OverUnder}/summary?period=2026-09", Json);
        september.ShouldBeEquivalentTo(latest! with
        {
            Period = "2026-09",
            OverCommit = 1,
            UnderCommit = 2,
            Mixed = 0,
            OnCommit = 1,
            FinalCost = 202.50m,
            Overage = 12.50m,
            Buffer = 8.33m,
        });

        // August: Alpha over, Bravo on, Charlie over (1.333 rounds to 1.33), Delta under; 50 + 38 + 100 + 11.33.
        var august = await http.GetFromJsonAsync<OverUnderSummaryDto>($"{OverUnder}/summary?period=2026-08", Json);
        august.ShouldBeEquivalentTo(latest with
        {
            Period = "2026-08",
            OverCommit = 2,
            UnderCommit = 1,
            Mixed = 0,
            OnCommit = 1,
            FinalCost = 199.33m,
            Overage = 9.33m,
            Buffer = 0.00m,
        });
    }

    [Fact]
    public async Task The_client_table_filters_sorts_pages_and_exports_one_row_per_client_and_currency()
    {
        await GivenTheOrganizationAsync();
        using var http = fixture.Host.ClientFor(orgId, Roles.ReadOnly);

        var page = await http.GetFromJsonAsync<PageDto<OverUnderClientDto>>($"{OverUnder}/clients", Json);
        page!.TotalCount.ShouldBe(4);
        page.Items.ShouldBeEquivalentTo(new List<OverUnderClientDto>
        {
            // Backup 65 + Seats 30; committed 50 + 30; vs commit 15.00 − 9.00.
            new OverUnderClientDto(alpha, "Alpha Dental", ["seat", "storage-gb"], "mixed", "AUD", 95.00m, 80.00m, 6.00m, 15.00m,
                9.00m),
            new OverUnderClientDto(bravo, "Bravo Legal", ["storage-gb"], "under-commit", "AUD", 100.00m, 100.00m, -25.00m, 0.00m,
                25.00m),
            new OverUnderClientDto(charlie, "Charlie Cafe", ["ticket"], "on-commit", "AUD", 10.00m, 10.00m, 0.00m, 0.00m, 0.00m),
            new OverUnderClientDto(delta, "Delta Dairy", ["storage-gb"], "over-commit", "NZD", 50.00m, 40.00m, 10.00m, 10.00m,
                0.00m),
        }, "by client name, each in its own currency; the disabled Alpha Archive is left out");

        async Task<string[]> Clients(string query) =>
            [.. (await http.GetFromJsonAsync<PageDto<OverUnderClientDto>>($"{OverUnder}/clients?{query}", Json))!.Items
                .Select(row => row.ClientName!)];

        (await Clients("status=under-commit")).ShouldBe(["Bravo Legal"]);
        (await Clients("status=MIXED")).ShouldBe(["Alpha Dental"]);
        (await Clients("status=over-commit")).ShouldBe(["Delta Dairy"]);
        (await Clients("sort=vs-commit")).ShouldBe(["Delta Dairy", "Alpha Dental", "Charlie Cafe", "Bravo Legal"],
            "10.00, 6.00, 0.00, −25.00");
        (await Clients("sort=buffer&direction=asc")).ShouldBe(["Charlie Cafe", "Delta Dairy", "Alpha Dental", "Bravo Legal"],
            "0.00 (Charlie, then Delta by name), 9.00, 25.00");
        (await Clients("sort=client&direction=desc")).ShouldBe(["Delta Dairy", "Charlie Cafe", "Bravo Legal", "Alpha Dental"]);
        (await Clients("search=DAIRY")).ShouldBe(["Delta Dairy"]);
        // August's over-commit clients by final cost: Alpha 50 + 38, Charlie 11.33.
        (await Clients("period=2026-08&status=over-commit&sort=final-cost")).ShouldBe(["Alpha Dental", "Charlie Cafe"]);
        (await Clients("period=2025-01")).ShouldBeEmpty("a month without finalized observations has no clients");
        var second = await http.GetFromJsonAsync<PageDto<OverUnderClientDto>>($"{OverUnder}/clients?pageSize=3&page=2", Json);
        (second!.Page, second.PageSize, second.TotalCount, second.Items.Single().ClientName)
            .ShouldBe((2, 3, 4L, "Delta Dairy"));
        var beyond = await http.GetFromJsonAsync<PageDto<OverUnderClientDto>>($"{OverUnder}/clients?pageSize=3&page=3", Json);
        (beyond!.Items.Count, beyond.TotalCount).ShouldBe((0, 4L), "a page past the end still counts the rows");

        var lines = await http.CsvLinesAsync($"{OverUnder}/clients/export?period=2026-08&status=over-commit&sort=final-cost");
        lines.ShouldBe(
        [
            "Period,Client ID,Client,Unit Types,Status,Currency,Final Cost,Committed,vs Commit,Overage,Buffer",
            $"2026-08,{alpha},Alpha Dental,seat; storage-gb,over-commit,AUD,88.00,80.00,8.00,8.00,0.00",
            $"2026-08,{charlie},Charlie Cafe,ticket,over-commit,AUD,11.33,10.00,1.33,1.33,0.00",
        ]);
    }

    [Fact]
    public async Task The_trend_gives_overage_against_buffer_of_the_last_finalized_periods_oldest_first()
    {
        await GivenTheOrganizationAsync();
        using var http = fixture.Host.ClientFor(orgId, Roles.ReadOnly);

        var trend = await http.GetFromJsonAsync<TrendDto>($"{OverUnder}/trend", Json);
        // AUD: twelve buckets over the three months against NZD's three.
        trend.ShouldBeEquivalentTo(new TrendDto("AUD",
        [
            new TrendPointDto("2026-08", 9.33m, 0.00m),
            new TrendPointDto("2026-09", 12.50m, 8.33m),
            new TrendPointDto("2026-10", 15.00m, 34.00m),
        ]));

        var lastTwo = await http.GetFromJsonAsync<TrendDto>($"{OverUnder}/trend?periods=2", Json);
        lastTwo!.Points.Select(point => point.Period).ShouldBe(["2026-09", "2026-10"]);
    }

    [Fact]
    public async Task Right_size_candidates_are_the_clients_with_most_buffer_with_the_unit_type_filter_and_export()
    {
        await GivenTheOrganizationAsync();
        using var http = fixture.Host.ClientFor(orgId, Roles.ReadOnly);

        var october = await http.GetFromJsonAsync<RightSizeDto>($"{OverUnder}/right-size", Json);
        (october!.Period, october.Currency, october.TotalBuffer).ShouldBe(("2026-10", "AUD", 34.00m));
        october.Items.ShouldBeEquivalentTo(new List<CandidateDto>
        {
            // 25.00 / 100.00 = 25.0 % unused; Alpha: 9.00 / (50 + 30) = 11.25 → 11.3 %.
            new CandidateDto(bravo, "Bravo Legal", ["storage-gb"], 100.00m, 25.00m, 50m, 25.0m),
            new CandidateDto(alpha, "Alpha Dental", ["seat", "storage-gb"], 80.00m, 9.00m, 3m, 11.25m),
        });

        var storage = await http.GetFromJsonAsync<RightSizeDto>($"{OverUnder}/right-size?unitType=storage-gb", Json);
        (storage!.Currency, storage.TotalBuffer).ShouldBe(("AUD", 25.00m), "Alpha's backup was over: no buffer");
        storage.Items.Select(item => item.ClientId).ShouldBe([bravo]);
        var seats = await http.GetFromJsonAsync<RightSizeDto>($"{OverUnder}/right-size?unitType=seat", Json);
        seats!.Items.ShouldBeEquivalentTo(
            new List<CandidateDto> { new(alpha, "Alpha Dental", ["seat"], 30.00m, 9.00m, 3m, 30.0m) });
        (await http.GetFromJsonAsync<RightSizeDto>($"{OverUnder}/right-size?limit=1", Json))!.Items
            .Select(item => item.ClientId).ShouldBe([bravo]);
        var august = await http.GetFromJsonAsync<RightSizeDto>($"{OverUnder}/right-size?period=2026-08", Json);
        (august!.Currency, august.TotalBuffer, august.Items.Count).ShouldBe(("AUD", 0.00m, 0),
            "August's only buffer was Delta's, in NZD");

        (await http.CsvLinesAsync($"{OverUnder}/right-size/export?limit=1")).ShouldBe(
        [
            "Period,Client ID,Client,Unit Types,Currency,Committed,Buffer,Buffer Units,% Unused",
            $"2026-10,{bravo},Bravo Legal,storage-gb,AUD,100.00,25.00,50,25.0",
            $"2026-10,{alpha},Alpha Dental,seat; storage-gb,AUD,80.00,9.00,3,11.25",
        ], "the export has every candidate");
    }

    [Fact]
    public async Task The_unit_type_table_gives_delta_units_overage_and_buffer_of_the_main_currency()
    {
        await GivenTheOrganizationAsync();
        using var http = fixture.Host.ClientFor(orgId, Roles.ReadOnly);

        var october = await http.GetFromJsonAsync<UnitTypesDto>($"{OverUnder}/unit-types", Json);
        (october!.Period, october.Currency).ShouldBe(("2026-10", "AUD"));
        october.Items.ShouldBe(
        [
            new UnitTypeDto("seat", 1, -3m, 0.00m, 9.00m),
            // Alpha Backup +30, Bravo Backup −50 (Delta's NZD backup is not counted).
            new UnitTypeDto("storage-gb", 2, -20m, 15.00m, 25.00m),
            new UnitTypeDto("ticket", 1, 0m, 0.00m, 0.00m),
        ]);

        (await http.CsvLinesAsync($"{OverUnder}/unit-types/export?period=2026-09")).ShouldBe(
        [
            "Period,Unit Type,Currency,Buckets,Delta Units,Overage,Buffer",
            "2026-09,seat,AUD,1,0,0.00,0.00",
            // Alpha −10, Bravo +50.
            "2026-09,storage-gb,AUD,2,40,12.50,5.00",
            "2026-09,ticket,AUD,1,-1,0.00,3.33",
        ]);
    }

    [Fact]
    public async Task The_usage_dashboard_compares_this_periods_projections_with_last_periods_billing()
    {
        await GivenTheOrganizationAsync();
        using var http = fixture.Host.ClientFor(orgId, Roles.ReadOnly);

        var dashboard = (await http.GetFromJsonAsync<DashboardDto>(Dashboard, Json))!;

        // AUD: five projections and four October buckets, NZD one of each.
        (dashboard.Period, dashboard.LastPeriod, dashboard.Currency).ShouldBe(("2026-11", "2026-10", "AUD"));
        // 60.00 + 38.00 + 125.00 + 10.00 + 25.00 = 258.00 against 205.00: +53.00, 53 / 205 = 25.85… %.
        (dashboard.ProjectedRevenue, dashboard.LastPeriodRevenue, dashboard.MonthOverMonthChange,
            dashboard.MonthOverMonthPercent).ShouldBe((258.00m, 205.00m, 53.00m, 25.853659m));
        dashboard.NewOverages.ShouldBe(
        [
            // Bravo Backup 300 / 200 (150 / 200 in October), Alpha Seats 12 / 10 (7 / 10). Alpha Backup was already
            // over, Echo Seats has no October, Alpha Archive is disabled.
            new NewOverageDto(bravo, "Bravo Legal", bravoBackup, "Bravo Backup", 200m, 300.00m, 150.0m, 75.0m, 125.00m),
            new NewOverageDto(alpha, "Alpha Dental", alphaSeats, "Alpha Seats", 10m, 12.00m, 120.0m, 70.0m, 38.00m),
        ]);
        dashboard.TopClients.ShouldBe(
        [
            // Shares of 258.00: 48.45 %, 37.98 %, 9.69 %, 3.88 %.
            new TopClientDto(bravo, "Bravo Legal", 125.00m, 48.449612m),
            new TopClientDto(alpha, "Alpha Dental", 98.00m, 37.984496m),
            new TopClientDto(echo, "Echo Eng", 25.00m, 9.689922m),
            new TopClientDto(charlie, "Charlie Cafe", 10.00m, 3.875969m),
        ], "Delta's NZD projection is not in AUD");
        dashboard.LastPeriodStatus.ShouldBe(new StatusCountsDto(1, 1, 1, 1));
        dashboard.RevenueBySourceType.ShouldBe(
        [
            // agent: Alpha Backup 65 + Bravo Backup 100; every source: Alpha Seats 30; psa: Charlie 10. Of 205.00.
            new SourceTypeDto("agent", 165.00m, 80.487805m),
            new SourceTypeDto("any-source", 30.00m, 14.634146m),
            new SourceTypeDto("psa", 10.00m, 4.878049m),
        ]);
        // 205.00 / Alpha, Bravo and Charlie.
        (dashboard.AverageRevenuePerClient, dashboard.ClientsBilledLastPeriod).ShouldBe((68.33m, 3));
        dashboard.LastProjectionAt!.Value.ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddMinutes(-5));
    }

    [Fact]
    public async Task A_client_scope_sees_only_its_clients_figures()
    {
        await GivenTheOrganizationAsync();
        using var http = fixture.Host.ClientFor(orgId, Roles.ReadOnly, clientScope: bravo);

        (await http.GetFromJsonAsync<OverUnderSummaryDto>($"{OverUnder}/summary", Json)).ShouldBeEquivalentTo(new OverUnderSummaryDto("2026-10",
            ["2026-10", "2026-09", "2026-08"], "AUD", 1, 0, 1, 0, 0, 100.00m, 100.00m, 0.00m, 25.00m));
        (await http.GetFromJsonAsync<PageDto<OverUnderClientDto>>($"{OverUnder}/clients", Json))!.Items
            .Select(row => row.ClientId).ShouldBe([bravo]);
        (await http.GetFromJsonAsync<TrendDto>($"{OverUnder}/trend", Json))!.Points.ShouldBe(
        [
            new TrendPointDto("2026-08", 0.00m, 0.00m),
            new TrendPointDto("2026-09", 12.50m, 0.00m),
            new TrendPointDto("2026-10", 0.00m, 25.00m),
        ]);
        (await http.GetFromJsonAsync<RightSizeDto>($"{OverUnder}/right-size", Json))!.Items
            .Select(item => item.ClientId).ShouldBe([bravo]);
        (await http.GetFromJsonAsync<UnitTypesDto>($"{OverUnder}/unit-types", Json))!.Items
            .ShouldBe([new UnitTypeDto("storage-gb", 1, -50m, 0.00m, 25.00m)]);

        var dashboard = (await http.GetFromJsonAsync<DashboardDto>(Dashboard, Json))!;
        // 125.00 against 100.00: +25.00, 25.0 %.
        (dashboard.Currency, dashboard.ProjectedRevenue, dashboard.LastPeriodRevenue, dashboard.MonthOverMonthChange,
            dashboard.MonthOverMonthPercent).ShouldBe(("AUD", 125.00m, 100.00m, 25.00m, 25.0m));
        dashboard.NewOverages.Select(bucket => bucket.BucketId).ShouldBe([bravoBackup]);
        dashboard.TopClients.ShouldBe([new TopClientDto(bravo, "Bravo Legal", 125.00m, 100.0m)]);
        dashboard.LastPeriodStatus.ShouldBe(new StatusCountsDto(0, 1, 0, 0));
        dashboard.RevenueBySourceType.ShouldBe([new SourceTypeDto("agent", 100.00m, 100.0m)]);
        (dashboard.AverageRevenuePerClient, dashboard.ClientsBilledLastPeriod).ShouldBe((100.00m, 1));
    }

    [Fact]
    public async Task A_rebuild_from_the_event_log_gives_the_same_figures()
    {
        await GivenTheOrganizationAsync();
        using var http = fixture.Host.ClientFor(orgId, Roles.ReadOnly);
        string[] paths =
        [
            $"{OverUnder}/summary", $"{OverUnder}/clients?period=2026-09", $"{OverUnder}/trend", $"{OverUnder}/right-size",
            $"{OverUnder}/unit-types", Dashboard,
        ];
        async Task<List<string>> AnswersAsync()
        {
            var answers = new List<string>();
            foreach (var path in paths)
            {
                var answer = await http.GetStringAsync(path);
                // The projections are calculated again by the rebuild, so only their instant moves.
                answers.Add(path == Dashboard
                    ? answer[..answer.IndexOf("\"lastProjectionAt\"", StringComparison.Ordinal)]
                    : answer);
            }
            return answers;
        }
        var before = await AnswersAsync();

        using var admin = fixture.Host.ClientFor(orgId, Roles.Admin);
        (await Rebuilds.RunAsync(admin)).Status.ShouldBe("completed");

        (await AnswersAsync()).ShouldBe(before);
        before[^1].ShouldContain("\"sourceType\":\"psa\"", customMessage: "the source types are replayed too");
    }

    [Fact]
    public async Task Without_projections_the_dashboard_compares_nothing_and_reports_the_latest_finalized_period()
    {
        await PublishFinalAsync(10, alphaBackup, alpha, "Alpha Dental", "Alpha Backup", Backup, 130m);
        using var http = fixture.Host.ClientFor(orgId, Roles.ReadOnly);

        var dashboard = (await http.GetFromJsonAsync<DashboardDto>(Dashboard, Json))!;

        (dashboard.Period, dashboard.LastPeriod, dashboard.Currency).ShouldBe((null, "2026-10", "AUD"));
        (dashboard.ProjectedRevenue, dashboard.LastPeriodRevenue, dashboard.MonthOverMonthChange,
            dashboard.MonthOverMonthPercent).ShouldBe((null, 65.00m, null, null));
        dashboard.NewOverages.ShouldBeEmpty();
        dashboard.TopClients.ShouldBeEmpty();
        dashboard.LastPeriodStatus.ShouldBe(new StatusCountsDto(1, 0, 0, 0));
        dashboard.RevenueBySourceType.ShouldBe([new SourceTypeDto("agent", 65.00m, 100.0m)]);
        (dashboard.AverageRevenuePerClient, dashboard.ClientsBilledLastPeriod, dashboard.LastProjectionAt)
            .ShouldBe((65.00m, 1, null));
    }

    [Fact]
    public async Task An_organization_without_observations_answers_empty_figures()
    {
        using var http = fixture.Host.ClientFor(orgId, Roles.ReadOnly);

        (await http.GetFromJsonAsync<OverUnderSummaryDto>($"{OverUnder}/summary", Json))
            .ShouldBeEquivalentTo(new OverUnderSummaryDto(null, [], null, 0, 0, 0, 0, 0, 0m, 0m, 0m, 0m));
        var clients = await http.GetFromJsonAsync<PageDto<OverUnderClientDto>>($"{OverUnder}/clients", Json);
        (clients!.Items.Count, clients.TotalCount, clients.Page).ShouldBe((0, 0L, 1));
        (await http.GetFromJsonAsync<TrendDto>($"{OverUnder}/trend", Json))!.ShouldSatisfyAllConditions(
            trend => trend.Currency.ShouldBeNull(), trend => trend.Points.ShouldBeEmpty());
        var rightSize = await http.GetFromJsonAsync<RightSizeDto>($"{OverUnder}/right-size", Json);
        (rightSize!.Period, rightSize.Currency, rightSize.TotalBuffer, rightSize.Items.Count).ShouldBe((null, null, 0m, 0));
        var unitTypes = await http.GetFromJsonAsync<UnitTypesDto>($"{OverUnder}/unit-types", Json);
        (unitTypes!.Period, unitTypes.Currency, unitTypes.Items.Count).ShouldBe((null, null, 0));
        (await http.CsvLinesAsync($"{OverUnder}/clients/export")).ShouldBe([string.Join(',', "Period", "Client ID", "Client",
            "Unit Types", "Status", "Currency", "Final Cost", "Committed", "vs Commit", "Overage", "Buffer")]);

        var dashboard = (await http.GetFromJsonAsync<DashboardDto>(Dashboard, Json))!;
        dashboard.ShouldBeEquivalentTo(new DashboardDto(null, null, null, null, null, null, null, [], [], null, [], null, 0, null));
    }

    [Theory]
    [InlineData("summary?period=2026-13", "period")]
    [InlineData("summary?period=26-10", "period")]
    [InlineData("clients?period=october", "period")]
    [InlineData("clients?status=late", "status")]
    [InlineData("clients?status=on-commit", "status")]
    [InlineData("clients?sort=usage", "sort")]
    [InlineData("clients?direction=up", "direction")]
    [InlineData("clients?pageSize=201", "pageSize")]
    [InlineData("clients/export?sort=name", "sort")]
    [InlineData("trend?periods=0", "periods")]
    [InlineData("trend?periods=37", "periods")]
    [InlineData("trend?periods=many", "periods")]
    [InlineData("right-size?limit=0", "limit")]
    [InlineData("right-size?limit=101", "limit")]
    [InlineData("right-size?limit=1.5", "limit")]
    [InlineData("right-size/export?period=2026-1", "period")]
    [InlineData("unit-types?period=2026/10", "period")]
    [InlineData("unit-types/export?period=x", "period")]
    public async Task A_bad_query_is_a_validation_problem_naming_the_parameter(string query, string parameter)
    {
        using var http = fixture.Host.ClientFor(orgId, Roles.ReadOnly);

        using var response = await http.GetAsync($"{OverUnder}/{query}");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.ValidationErrors().Keys.ToArray().ShouldBe([parameter]);
    }

    private readonly record struct Terms(string UnitTypeKey, decimal CommitUnits, decimal BasePrice, decimal OveragePrice,
        string? SourceType, string Currency = "AUD", bool Enabled = true);

    private static readonly Terms Backup = new("storage-gb", 100m, 50m, 0.5m, "agent");
    private static readonly Terms Seats = new("seat", 10m, 30m, 4m, null);
    private static readonly Terms Archive = new("storage-gb", 10m, 1000m, 100m, null, Enabled: false);
    private static readonly Terms BravoTerms = new("storage-gb", 200m, 100m, 0.25m, "agent");
    private static readonly Terms Tickets = new("ticket", 3m, 10m, 1.333m, "psa");
    private static readonly Terms DeltaTerms = new("storage-gb", 50m, 40m, 1m, "agent", "NZD");
    private static readonly Terms EchoTerms = new("seat", 10m, 20m, 1m, null);

    private async Task GivenTheOrganizationAsync()
    {
        var finalUsage = new (Guid Bucket, Guid Client, string ClientName, string Name, Terms Terms, decimal[] Usage)[]
        {
            (alphaBackup, alpha, "Alpha Dental", "Alpha Backup", Backup, [100m, 90m, 130m]),
            (alphaSeats, alpha, "Alpha Dental", "Alpha Seats", Seats, [12m, 10m, 7m]),
            (alphaArchive, alpha, "Alpha Dental", "Alpha Archive", Archive, [0m, 0m, 0m]),
            (bravoBackup, bravo, "Bravo Legal", "Bravo Backup", BravoTerms, [200m, 250m, 150m]),
            (charlieTickets, charlie, "Charlie Cafe", "Charlie Tickets", Tickets, [4m, 2m, 3m]),
            (deltaBackup, delta, "Delta Dairy", "Delta Backup", DeltaTerms, [20m, 50m, 60m]),
        };
        foreach (var bucket in finalUsage)
        {
            for (var month = 8; month <= 10; month++)
            {
                await PublishFinalAsync(month, bucket.Bucket, bucket.Client, bucket.ClientName, bucket.Name, bucket.Terms,
                    bucket.Usage[month - 8]);
            }
        }
        await PublishCurrentAsync(alphaBackup, alpha, "Alpha Dental", "Alpha Backup", Backup, 120m);
        await PublishCurrentAsync(alphaSeats, alpha, "Alpha Dental", "Alpha Seats", Seats, 12m);
        await PublishCurrentAsync(alphaArchive, alpha, "Alpha Dental", "Alpha Archive", Archive, 500m);
        await PublishCurrentAsync(bravoBackup, bravo, "Bravo Legal", "Bravo Backup", BravoTerms, 300m);
        await PublishCurrentAsync(charlieTickets, charlie, "Charlie Cafe", "Charlie Tickets", Tickets, 2m);
        await PublishCurrentAsync(deltaBackup, delta, "Delta Dairy", "Delta Backup", DeltaTerms, 55m);
        await PublishCurrentAsync(echoSeats, echo, "Echo Eng", "Echo Seats", EchoTerms, 15m);
    }

    private Task PublishFinalAsync(int month, Guid bucketId, Guid clientId, string clientName, string bucketName,
        Terms terms, decimal usage)
    {
        var start = new DateTimeOffset(2026, month, 1, 0, 0, 0, TimeSpan.Zero);
        return PublishAsync(Observation(bucketId, clientId, clientName, bucketName, terms, month, start.AddMonths(1),
            usage) with
        { Final = true });
    }

    private Task PublishCurrentAsync(Guid bucketId, Guid clientId, string clientName, string bucketName, Terms terms,
        decimal usage) => PublishAsync(Observation(bucketId, clientId, clientName, bucketName, terms, 11,
        new DateTimeOffset(2026, 11, 10, 0, 0, 0, TimeSpan.Zero), usage));

    private BucketUsageObserved Observation(Guid bucketId, Guid clientId, string clientName, string bucketName,
        Terms terms, int month, DateTimeOffset observedAt, decimal usage)
    {
        var start = new DateTimeOffset(2026, month, 1, 0, 0, 0, TimeSpan.Zero);
        return new BucketUsageObserved(orgId, bucketId, 1, clientId, clientName, bucketName, terms.UnitTypeKey, "max",
            terms.Enabled, terms.CommitUnits, terms.BasePrice, terms.OveragePrice, terms.Currency, 2026, month, start,
            start.AddMonths(1), observedAt, usage, [usage], false, terms.SourceType);
    }

    private Task PublishAsync<T>(T message) where T : class => fixture.Host.PublishAndWaitAsync(message);
}
