using System.Net;
using System.Net.Http.Json;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.BuildingBlocks.Security;
using BillingOne.Testing;
using Dapper;
using Npgsql;

namespace BillingOne.Metering.Tests.Api;

public sealed record BillingRunDto(Guid Id, string Period, string Status, int ClientsDone, int ClientsTotal,
    int BucketsDone, int BucketsTotal, DateTimeOffset RequestedAt, DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt, string? Error, Guid? RequestedBy, string Trigger, double? DurationSeconds);

public sealed record BillingReadingDto(Guid Id, Guid RunId, string Kind, Guid ClientId, string? ClientName,
    Guid BucketId, string BucketName, string? SourceType, string UnitTypeKey, string Aggregation,
    DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd, string? OriginalPeriod, decimal Usage, decimal CommitUnits,
    decimal Base, decimal OverageUnits, decimal Overage, decimal BufferUnits, decimal Buffer, decimal Cost,
    string Currency, string Status, DateTimeOffset? FinalizedAt);

/// <summary>
/// Billing runs of February 2026, closed everywhere at the fixture's clock (15 March 2026). A run covers a whole
/// organization, so every test works in an organization of its own.
/// </summary>
[Trait("Category", "Integration")]
public sealed class BillingRunTests(FixedClockMeteringFixture fixture)
    : IClassFixture<FixedClockMeteringFixture>, IDisposable
{
    private const string Runs = BillingRequests.Runs;
    private const string Readings = BillingRequests.Readings;

    // February in Sydney (AEDT, UTC+11) is [31 Jan 13:00 UTC, 28 Feb 13:00 UTC).
    private static readonly DateTimeOffset SydneyFebruary = new(2026, 1, 31, 13, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset SydneyMarch = new(2026, 2, 28, 13, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset February = new(2026, 2, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset March = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly Guid orgId = Guid.NewGuid();
    private readonly MeteringTestData data = fixture.Data;
    private HttpClient? adminClient;

    private HttpClient Admin => adminClient ??= fixture.CreateClient(TestTokens.For(orgId, Roles.Admin));

    [Fact]
    public async Task A_run_prices_each_bucket_over_its_clients_month_with_boundary_readings_in_the_period_they_start()
    {
        var (sydney, utc) = await SceneAsync();

        var run = await Admin.RunBillingToEndAsync(2026, 2);

        run.Status.ShouldBe("completed");
        run.Period.ShouldBe("2026-02");
        (run.ClientsDone, run.ClientsTotal, run.BucketsDone, run.BucketsTotal).ShouldBe((2, 2, 2, 2));
        (run.Trigger, run.DurationSeconds >= 0).ShouldBe(("manual", true));
        var readings = await Admin.BillingLinesAsync("2026-02");
        readings.Count.ShouldBe(2);
        var inSydney = readings.Single(reading => reading.ClientId == sydney);
        inSydney.ShouldBe(new BillingReadingDto(inSydney.Id, run.Id, "reading", sydney, "Sydney", inSydney.BucketId,
            "Bucket", null, "storage-gb", "sum", SydneyFebruary, SydneyMarch, null,
            Usage: 120.5m,                      // 40 on the opening instant + 80.5; not the 1000s either side
            CommitUnits: 100m, Base: 500m,
            OverageUnits: 20.5m, Overage: 123m, // 20.5 × 6
            BufferUnits: 0m, Buffer: 0m, Cost: 623m, Currency: "AUD", Status: "draft", FinalizedAt: null));
        var inUtc = readings.Single(reading => reading.ClientId == utc);
        inUtc.ShouldBe(new BillingReadingDto(inUtc.Id, run.Id, "reading", utc, "UTC", inUtc.BucketId, "Bucket", null,
            "storage-gb", "sum", February, March, null,
            Usage: 1m, CommitUnits: 3m, Base: 500m, OverageUnits: 0m, Overage: 0m,
            BufferUnits: 2m, Buffer: 333.33m,   // 2 × 500 / 3 = 333.333…, rounded once
            Cost: 500m, Currency: "AUD", Status: "draft", FinalizedAt: null));
    }

    [Fact]
    public async Task Running_a_period_again_before_finalization_replaces_its_drafts_with_identical_readings()
    {
        await SceneAsync();
        var first = await Admin.RunBillingToEndAsync(2026, 2);
        var before = await Admin.BillingLinesAsync("2026-02");

        var second = await Admin.RunBillingToEndAsync(2026, 2);
        var after = await Admin.BillingLinesAsync("2026-02");

        second.Id.ShouldNotBe(first.Id);
        after.Count.ShouldBe(2);
        after.ShouldAllBe(reading => reading.RunId == second.Id);
        after.Select(reading => reading with { Id = Guid.Empty, RunId = first.Id })
            .ShouldBe(before.Select(reading => reading with { Id = Guid.Empty }));
        await using var connection = new NpgsqlConnection(fixture.DatabaseConnectionString);
        (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM billing_readings WHERE org_id = @orgId",
            new { orgId })).ShouldBe(2);
    }

    [Fact]
    public async Task A_second_run_of_a_period_while_one_is_running_is_refused_naming_the_running_run()
    {
        // A run that is running as a worker runs it: marked running, its run lock held (here by this session).
        var running = Guid.NewGuid();
        await using var worker = new NpgsqlConnection(fixture.DatabaseConnectionString);
        await worker.OpenAsync();
        await worker.ExecuteAsync("SELECT pg_advisory_lock(hashtextextended('metering:billing-run:' || @id, 0))",
            new { id = running.ToString() });
        await InsertRunningAsync(running);

        var response = await Admin.PostAsJsonAsync(Runs, new { year = 2026, month = 2 });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        problem.GetProperty("runId").GetGuid().ShouldBe(running);
        problem.GetProperty("detail").GetString()!.ShouldContain(running.ToString());
        // Another period is not blocked, and the worker leaves a run whose lock is held alone.
        (await Admin.RunBillingToEndAsync(2026, 1)).Status.ShouldBe("completed");
        (await Admin.GetFromJsonAsync<BillingRunDto>($"{Runs}/{running}"))!.Status.ShouldBe("running");
    }

    [Fact]
    public async Task A_run_left_running_by_a_stopped_service_is_marked_failed_leaves_the_drafts_and_the_period_can_run_again()
    {
        await SceneAsync();
        var completed = await Admin.RunBillingToEndAsync(2026, 2);
        var drafts = await Admin.BillingLinesAsync("2026-02");
        // Marked running, but nobody holds its run lock: the process that ran it was killed mid-run.
        var abandoned = Guid.NewGuid();
        await InsertRunningAsync(abandoned);

        var failed = await Eventually.ReturnsAsync(
            async () => await Admin.GetFromJsonAsync<BillingRunDto>($"{Runs}/{abandoned}"),
            run => run!.Status != "running", "the abandoned run to be marked failed");

        failed!.Status.ShouldBe("failed");
        failed.Error!.ShouldContain("interrupted");
        failed.FinishedAt.ShouldNotBeNull();
        // Its lines were to be written in one transaction with its completion: the previous drafts stand, whole.
        (await Admin.BillingLinesAsync("2026-02")).ShouldBe(drafts);
        drafts.ShouldAllBe(reading => reading.RunId == completed.Id);
        (await Admin.RunBillingToEndAsync(2026, 2)).Status.ShouldBe("completed");
    }

    [Theory]
    [InlineData(2026, 3, "month")]      // open at the fixture's clock
    [InlineData(2027, 1, "month")]      // in the future
    [InlineData(2026, 13, "month")]
    [InlineData(2026, 0, "month")]
    [InlineData(0, 2, "year")]
    [InlineData(null, 2, "year")]
    [InlineData(2026, null, "month")]
    public async Task Open_future_or_malformed_periods_are_refused_naming_the_field(int? year, int? month,
        string field)
    {
        var response = await Admin.PostAsJsonAsync(Runs, new { year, month });

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ValidationErrors().Keys.ShouldBe([field]);
    }

    [Theory]
    [InlineData("2026-2")]
    [InlineData("26-02")]
    [InlineData("2026-13")]
    [InlineData("feb")]
    [InlineData("")]
    public async Task Readings_need_a_well_formed_period(string period)
    {
        var response = await Admin.GetAsync($"{Readings}?period={period}");

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ValidationErrors().Keys.ShouldBe(["period"]);
    }

    [Fact]
    public async Task A_client_scoped_key_sees_only_its_clients_readings_and_cannot_start_runs()
    {
        var (sydney, _) = await SceneAsync();
        var run = await Admin.RunBillingToEndAsync(2026, 2);
        using var scoped = fixture.CreateClient(TestTokens.For(orgId, Roles.Admin, clientScope: sydney));
        using var reader = fixture.CreateClient(TestTokens.For(orgId, Roles.ReadOnly));

        (await scoped.BillingLinesAsync("2026-02")).ShouldHaveSingleItem().ClientId.ShouldBe(sydney);
        (await reader.BillingLinesAsync("2026-02")).Count.ShouldBe(2);
        (await Admin.BillingLinesAsync("2026-01")).ShouldBeEmpty();
        await (await scoped.PostAsJsonAsync(Runs, new { year = 2026, month = 1 }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await reader.PostAsJsonAsync(Runs, new { year = 2026, month = 1 }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        // The fixture's own client acts for the demo organization, which sees none of this one's runs.
        await (await fixture.Client.GetAsync($"{Runs}/{run.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    public void Dispose() => adminClient?.Dispose();

    private async Task InsertRunningAsync(Guid id)
    {
        await using var connection = new NpgsqlConnection(fixture.DatabaseConnectionString);
        await connection.ExecuteAsync("""
            INSERT INTO billing_runs (org_id, id, period_year, period_month, status, requested_at, started_at)
            VALUES (@orgId, @id, 2026, 2, 'running', now(), now())
            """, new { orgId, id });
    }

    /// <summary>
    /// A Sydney client with readings on and just around its February's bounds, and a UTC client under its commit.
    /// </summary>
    private async Task<(Guid Sydney, Guid Utc)> SceneAsync()
    {
        var unitType = await Admin.CreateUnitTypeAsync("storage-gb", "Storage GB");
        var sydney = await data.ClientAsync("Sydney", "Australia/Sydney", orgId: orgId);
        var utc = await data.ClientAsync("UTC", "UTC", orgId: orgId);
        var sydneyAsset = await data.AssetAsync(sydney, "syd-1", [unitType.Key], orgId: orgId);
        var utcAsset = await data.AssetAsync(utc, "utc-1", [unitType.Key], orgId: orgId);
        await data.ReadingAsync(sydneyAsset, unitType.Key, 1000m, SydneyFebruary.AddSeconds(-1), orgId);
        await data.ReadingAsync(sydneyAsset, unitType.Key, 40m, SydneyFebruary, orgId);
        await data.ReadingAsync(sydneyAsset, unitType.Key, 80.5m, new DateTimeOffset(2026, 2, 20, 0, 0, 0, TimeSpan.Zero), orgId);
        await data.ReadingAsync(sydneyAsset, unitType.Key, 1000m, SydneyMarch, orgId);
        await data.ReadingAsync(utcAsset, unitType.Key, 1m, new DateTimeOffset(2026, 2, 10, 0, 0, 0, TimeSpan.Zero), orgId);
        await data.ReadingAsync(utcAsset, unitType.Key, 1000m, March, orgId);
        var sydneyBucket = await Admin.CreateBucketAsync(sydney, unitType.Id);
        var utcBucket = await Admin.CreateBucketAsync(utc, unitType.Id, commitUnits: 3m);
        await Admin.BindAsync(sydneyBucket.Id, sydneyAsset);
        await Admin.BindAsync(utcBucket.Id, utcAsset);
        return (sydney, utc);
    }

}
