using System.Net;
using System.Net.Http.Json;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.BuildingBlocks.Security;
using BillingOne.Testing;
using Dapper;
using Npgsql;

namespace BillingOne.Metering.Tests.Api;

/// <summary>
/// What a run bills for a closed month, worked out by hand: months cut in the client's zone (Kathmandu's quarter
/// hour, a Sydney month with a daylight saving change), every aggregation, no readings, excluded assets and buckets,
/// and currencies without and with three minor units. Each test bills an organization of its own.
/// </summary>
[Trait("Category", "Integration")]
public sealed class BillingMonthRulesTests(FixedClockMeteringFixture fixture)
    : IClassFixture<FixedClockMeteringFixture>, IDisposable
{
    private readonly Guid orgId = Guid.NewGuid();
    private readonly MeteringTestData data = fixture.Data;
    private HttpClient? adminClient;

    private HttpClient Admin => adminClient ??= fixture.CreateClient(TestTokens.For(orgId, Roles.Admin));

    [Fact]
    public async Task A_Kathmandu_month_starts_at_its_local_midnight_and_a_reading_on_that_instant_is_billed_in_it()
    {
        // February in Kathmandu (UTC+05:45) is [31 Jan 18:15 UTC, 28 Feb 18:15 UTC).
        var start = new DateTimeOffset(2026, 1, 31, 18, 15, 0, TimeSpan.Zero);
        var end = new DateTimeOffset(2026, 2, 28, 18, 15, 0, TimeSpan.Zero);
        var (unitType, bucket, asset) = await SingleBucketAsync("Asia/Kathmandu");
        await data.ReadingAsync(asset, unitType, 1000m, start.AddTicks(-10), orgId);
        await data.ReadingAsync(asset, unitType, 7m, start, orgId);
        await data.ReadingAsync(asset, unitType, 3m, end.AddTicks(-10), orgId);
        await data.ReadingAsync(asset, unitType, 1000m, end, orgId);

        var line = (await RunAsync(2026, 2)).Single(reading => reading.BucketId == bucket);

        (line.PeriodStart, line.PeriodEnd, line.Usage, line.Cost).ShouldBe((start, end, 10m, 500.00m));
    }

    [Fact]
    public async Task A_Sydney_month_with_a_daylight_saving_change_runs_from_local_midnight_to_local_midnight()
    {
        // Sydney moves from AEST (+10) to AEDT (+11) on 5 October 2025: October is 31 days less one hour long.
        var start = new DateTimeOffset(2025, 9, 30, 14, 0, 0, TimeSpan.Zero);
        var end = new DateTimeOffset(2025, 10, 31, 13, 0, 0, TimeSpan.Zero);
        var (unitType, bucket, asset) = await SingleBucketAsync("Australia/Sydney");
        await data.ReadingAsync(asset, unitType, 1000m, start.AddSeconds(-1), orgId);
        await data.ReadingAsync(asset, unitType, 60m, start, orgId);
        await data.ReadingAsync(asset, unitType, 50m, new DateTimeOffset(2025, 10, 5, 16, 30, 0, TimeSpan.Zero), orgId);
        await data.ReadingAsync(asset, unitType, 1000m, end, orgId);

        var line = (await RunAsync(2025, 10)).Single(reading => reading.BucketId == bucket);

        (line.PeriodStart, line.PeriodEnd).ShouldBe((start, end));
        (end - start).ShouldBe(TimeSpan.FromHours(31 * 24 - 1));
        // 110 GB against 100: 10 × 6.00 overage.
        (line.Usage, line.OverageUnits, line.Overage, line.Cost).ShouldBe((110m, 10m, 60.00m, 560.00m));
    }

    [Fact]
    public async Task Every_aggregation_sums_each_assets_figure_over_the_assets_and_an_idle_bucket_bills_its_base()
    {
        var client = await data.ClientAsync("Aggregations", "UTC", orgId: orgId);
        string[] aggregations = ["sum", "max", "avg", "last", "count"];
        var keys = aggregations.Select(aggregation => $"u-{aggregation}").ToArray();
        var alpha = await data.AssetAsync(client, "alpha", keys, orgId: orgId);
        var beta = await data.AssetAsync(client, "beta", keys, orgId: orgId);
        var buckets = new Dictionary<string, Guid>();
        foreach (var aggregation in aggregations)
        {
            var unitType = await Admin.CreateUnitTypeAsync($"u-{aggregation}", aggregation, aggregation: aggregation);
            var bucket = await Admin.CreateBucketAsync(client, unitType.Id, name: aggregation);
            await Admin.BindAsync(bucket.Id, alpha, beta);
            buckets[aggregation] = bucket.Id;
            // alpha: 10, 30, 20 (last 20); beta: 5, 7.5 (last 7.5); one reading of March that no month of February sees.
            await data.ReadingAsync(alpha, unitType.Key, 10m, Day(2), orgId);
            await data.ReadingAsync(alpha, unitType.Key, 30m, Day(10), orgId);
            await data.ReadingAsync(alpha, unitType.Key, 20m, Day(20), orgId);
            await data.ReadingAsync(beta, unitType.Key, 5m, Day(5), orgId);
            await data.ReadingAsync(beta, unitType.Key, 7.5m, Day(25), orgId);
            await data.ReadingAsync(beta, unitType.Key, 999m, new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), orgId);
        }
        var idleType = await Admin.CreateUnitTypeAsync("idle", "Idle");
        var idle = await Admin.CreateBucketAsync(client, idleType.Id, name: "idle");

        var lines = await RunAsync(2026, 2);

        Usage(lines, buckets["sum"]).ShouldBe(72.5m);     // 60 + 12.5
        Usage(lines, buckets["max"]).ShouldBe(37.5m);     // 30 + 7.5
        Usage(lines, buckets["avg"]).ShouldBe(26.25m);    // 20 + 6.25
        Usage(lines, buckets["last"]).ShouldBe(27.5m);    // 20 + 7.5
        Usage(lines, buckets["count"]).ShouldBe(2m);      // two assets reported
        // Under the 100 commit everywhere: the base, and the unused share of it as buffer (27.5 × 500 / 100).
        var sum = lines.Single(line => line.BucketId == buckets["sum"]);
        (sum.Cost, sum.BufferUnits, sum.Buffer).ShouldBe((500.00m, 27.5m, 137.50m));
        var idleLine = lines.Single(line => line.BucketId == idle.Id);
        (idleLine.Usage, idleLine.Cost, idleLine.BufferUnits, idleLine.Buffer).ShouldBe((0m, 500.00m, 100m, 500.00m));
    }

    [Fact]
    public async Task Disabled_and_disregarded_assets_and_disabled_buckets_bill_nothing_and_a_late_bound_asset_bills_its_month()
    {
        var client = await data.ClientAsync("Exclusions", "UTC", orgId: orgId);
        var unitType = await Admin.CreateUnitTypeAsync("backup-gb", "Backup");
        var bound = await data.AssetAsync(client, "bound", [unitType.Key], orgId: orgId);
        var disabled = await data.AssetAsync(client, "disabled", [unitType.Key], enabled: false, orgId: orgId);
        var disregarded = await data.AssetAsync(client, "disregarded", [unitType.Key], disregarded: true, orgId: orgId);
        await data.ReadingAsync(bound, unitType.Key, 10m, Day(3), orgId);
        await data.ReadingAsync(disabled, unitType.Key, 100m, Day(3), orgId);
        await data.ReadingAsync(disregarded, unitType.Key, 1000m, Day(3), orgId);
        var bucket = await Admin.CreateBucketAsync(client, unitType.Id, name: "Backup");
        // Bound now (15 March), after its February readings: the binding bills the whole month.
        await Admin.BindAsync(bucket.Id, bound);
        await BindDirectlyAsync(bucket.Id, disabled, disregarded);
        var otherType = await Admin.CreateUnitTypeAsync("other-gb", "Other");
        var disabledBucket = await Admin.CreateBucketAsync(client, otherType.Id, name: "Disabled");
        (await Admin.PatchAsJsonAsync($"{MeteringRequests.Buckets}/{disabledBucket.Id}", new { enabled = false }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        var lines = await RunAsync(2026, 2);

        lines.ShouldHaveSingleItem().BucketId.ShouldBe(bucket.Id);
        Usage(lines, bucket.Id).ShouldBe(10m);
    }

    [Fact]
    public async Task Yen_lines_have_no_decimals_and_dinar_lines_three_each_rounded_once_half_away_from_zero()
    {
        var client = await data.ClientAsync("Currencies", "UTC", orgId: orgId);
        var unitType = await Admin.CreateUnitTypeAsync("backup-gb", "Backup");
        var yenAsset = await data.AssetAsync(client, "yen", [unitType.Key], orgId: orgId);
        var dinarAsset = await data.AssetAsync(client, "dinar", [unitType.Key], orgId: orgId);
        await data.ReadingAsync(yenAsset, unitType.Key, 12.5m, Day(3), orgId);
        await data.ReadingAsync(dinarAsset, unitType.Key, 4.5m, Day(3), orgId);
        var yen = await CreateBucketAsync(client, unitType.Id, "Yen", "JPY", commit: 10m, basePrice: 1000m,
            overagePrice: 123.45m);
        var dinar = await CreateBucketAsync(client, unitType.Id, "Dinar", "KWD", commit: 3m, basePrice: 10.5m,
            overagePrice: 0.1234m);
        await Admin.BindAsync(yen, yenAsset);
        await Admin.BindAsync(dinar, dinarAsset);

        var lines = await RunAsync(2026, 2);

        // 2.5 × 123.45 = 308.625 → 309 yen.
        var inYen = lines.Single(line => line.BucketId == yen);
        (inYen.Base, inYen.Overage, inYen.Cost, inYen.Currency).ShouldBe((1000m, 309m, 1309m, "JPY"));
        inYen.Cost.ToString(System.Globalization.CultureInfo.InvariantCulture).ShouldBe("1309");
        // 1.5 × 0.1234 = 0.1851 → 0.185 dinar.
        var inDinar = lines.Single(line => line.BucketId == dinar);
        (inDinar.Base, inDinar.Overage, inDinar.Cost, inDinar.Currency).ShouldBe((10.500m, 0.185m, 10.685m, "KWD"));
        inDinar.Cost.ToString(System.Globalization.CultureInfo.InvariantCulture).ShouldBe("10.685");
        var totals = await (await Admin.GetAsync("/api/metering/billing-periods"))
            .ShouldBeJsonAsync<PagedResult<BillingPeriodDto>>(HttpStatusCode.OK);
        totals.Items.ShouldHaveSingleItem().Totals.OrderBy(total => total.Currency)
            .ShouldBe([new MoneyAmountDto("JPY", 1309m), new MoneyAmountDto("KWD", 10.685m)]);
    }

    public void Dispose() => adminClient?.Dispose();

    private static DateTimeOffset Day(int day) => new(2026, 2, day, 12, 0, 0, TimeSpan.Zero);

    private static decimal Usage(IEnumerable<BillingReadingDto> lines, Guid bucketId) =>
        lines.Single(line => line.BucketId == bucketId).Usage;

    private async Task<(string UnitType, Guid Bucket, Guid Asset)> SingleBucketAsync(string timeZone)
    {
        var client = await data.ClientAsync(timeZone, timeZone, orgId: orgId);
        var unitType = await Admin.CreateUnitTypeAsync("backup-gb", "Backup");
        var asset = await data.AssetAsync(client, "pc-1", [unitType.Key], orgId: orgId);
        var bucket = await Admin.CreateBucketAsync(client, unitType.Id, name: "Backup");
        await Admin.BindAsync(bucket.Id, asset);
        return (unitType.Key, bucket.Id, asset);
    }

    private async Task<Guid> CreateBucketAsync(Guid clientId, Guid unitTypeId, string name, string currency,
        decimal commit, decimal basePrice, decimal overagePrice)
    {
        var response = await Admin.PostAsJsonAsync(MeteringRequests.Buckets, new
        {
            clientId, name, unitTypeId, commitUnits = commit, basePrice, overagePrice, currency,
        });
        return (await response.ShouldBeJsonAsync<BucketDto>(HttpStatusCode.Created)).Id;
    }

    /// <summary>Binds assets as they were before they were disabled or disregarded (the API binds neither).</summary>
    private async Task BindDirectlyAsync(Guid bucketId, params Guid[] assetIds)
    {
        await using var connection = new NpgsqlConnection(fixture.DatabaseConnectionString);
        await connection.ExecuteAsync("""
            INSERT INTO bucket_assets (org_id, bucket_id, asset_id, bound_at, bound_by)
            SELECT @orgId, @bucketId, id, now(), @orgId FROM unnest(@assetIds) AS id
            """, new { orgId, bucketId, assetIds });
    }

    private async Task<List<BillingReadingDto>> RunAsync(int year, int month)
    {
        await Admin.RunBillingToEndAsync(year, month);
        return await Admin.BillingLinesAsync($"{year:D4}-{month:D2}");
    }
}
