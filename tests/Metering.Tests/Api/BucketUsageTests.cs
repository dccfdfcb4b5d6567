using System.Net;
using System.Net.Http.Json;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.Testing;
using Dapper;
using Npgsql;

namespace BillingOne.Metering.Tests.Api;

/// <summary>
/// Current usage and cost of buckets in the open period, against readings written straight into the database. The
/// service's clock stands at <see cref="FixedClockMeteringFixture.Now"/> (15 March 2026, 10:00 UTC).
/// </summary>
[Trait("Category", "Integration")]
public class BucketUsageTests(FixedClockMeteringFixture fixture) : IClassFixture<FixedClockMeteringFixture>
{
    private static readonly DateTimeOffset March = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset April = new(2026, 4, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly HttpClient http = fixture.Client;
    private readonly MeteringTestData data = fixture.Data;
    private readonly string tag = "t" + Guid.NewGuid().ToString("N")[..10];

    [Theory]
    [InlineData("sum", "65")]             // (10 + 30 + 20) + (1 + 2 + 2)
    [InlineData("max", "32")]             // 30 + 2
    [InlineData("avg", "21.666667")]      // 20 + 1.6666…, added up exactly and rounded once to the readings' 6 decimals:
                                          // the API answers it at full precision, the UI shows the unit type's 2
    [InlineData("last", "22")]            // 20 + 2: the latest reading of each asset
    [InlineData("count", "2")]            // two assets reported
    public async Task Usage_aggregates_each_assets_readings_in_the_period_then_adds_the_assets_up(string aggregation,
        string expected)
    {
        var unitType = await http.CreateUnitTypeAsync($"{tag}-{aggregation}", "Storage");
        var client = await data.ClientAsync($"{tag} client");
        var first = await data.AssetAsync(client, $"{tag}-a", [unitType.Key]);
        var second = await data.AssetAsync(client, $"{tag}-b", [unitType.Key]);
        await data.ReadingAsync(first, unitType.Key, 10m, March.AddDays(1));
        await data.ReadingAsync(first, unitType.Key, 30m, March.AddDays(4));
        await data.ReadingAsync(first, unitType.Key, 20m, March.AddDays(9));
        await data.ReadingAsync(second, unitType.Key, 1m, March.AddDays(2));
        await data.ReadingAsync(second, unitType.Key, 2m, March.AddDays(3));
        await data.ReadingAsync(second, unitType.Key, 2m, March.AddDays(5));
        // Outside the period, or another unit type: none of these count.
        await data.ReadingAsync(first, unitType.Key, 1000m, March.AddSeconds(-1));
        await data.ReadingAsync(first, unitType.Key, 1000m, April);
        await data.ReadingAsync(second, "other-unit", 1000m, March.AddDays(6));
        var bucket = await http.CreateBucketAsync(client, unitType.Id, aggregation: aggregation);

        await http.BindAsync(bucket.Id, first, second);

        var usage = (await http.GetBucketAsync(bucket.Id)).Usage;
        usage.Usage.ShouldBe(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));
        usage.PeriodStart.ShouldBe(March);
        usage.PeriodEnd.ShouldBe(April);
    }

    [Fact]
    public async Task Averages_are_added_up_exactly_and_the_total_is_rounded_once_to_six_decimals()
    {
        // Each asset's mean is 1.5000015: rounded per asset the total would be 3.000004.
        var usage = await UsageOfTwoAssetsAsync("avg",
            (0, 1.000001m, March.AddDays(1)), (0, 2.000002m, March.AddDays(2)),
            (1, 1.000001m, March.AddDays(3)), (1, 2.000002m, March.AddDays(4)));

        usage.ShouldBe(3.000003m);
    }

    [Fact]
    public async Task Last_breaks_a_tie_on_observed_at_by_the_larger_quantity()
    {
        var usage = await UsageOfTwoAssetsAsync("last",
            (0, 3m, March.AddDays(5)), (0, 9m, March.AddDays(5)), (0, 4m, March.AddDays(5)));

        usage.ShouldBe(9m);
    }

    [Fact]
    public async Task An_asset_that_reported_zero_still_counts_as_reporting()
    {
        var usage = await UsageOfTwoAssetsAsync("count", (0, 0m, March.AddDays(3)), (1, 4m, March.AddDays(3)));

        usage.ShouldBe(2m);
    }

    /// <summary>The bucket usage of two assets bound to one new bucket, given their readings (asset 0 or 1).</summary>
    private async Task<decimal> UsageOfTwoAssetsAsync(string aggregation,
        params (int Asset, decimal Quantity, DateTimeOffset ObservedAt)[] readings)
    {
        var unitType = await http.CreateUnitTypeAsync($"{tag}-{aggregation}", "Storage");
        var client = await data.ClientAsync($"{tag} client");
        Guid[] assets = [await data.AssetAsync(client, $"{tag}-a", [unitType.Key]),
            await data.AssetAsync(client, $"{tag}-b", [unitType.Key])];
        foreach (var reading in readings)
        {
            await data.ReadingAsync(assets[reading.Asset], unitType.Key, reading.Quantity, reading.ObservedAt);
        }
        var bucket = await http.CreateBucketAsync(client, unitType.Id, aggregation: aggregation);
        await http.BindAsync(bucket.Id, assets);
        return (await http.GetBucketAsync(bucket.Id)).Usage.Usage;
    }

    [Fact]
    public async Task The_period_is_the_calendar_month_of_the_clients_time_zone()
    {
        var unitType = await http.CreateUnitTypeAsync($"{tag}-zones", "Storage");
        var sydney = await data.ClientAsync($"{tag} Sydney", "Australia/Sydney");
        var london = await data.ClientAsync($"{tag} UTC", "UTC");
        var sydneyAsset = await data.AssetAsync(sydney, $"{tag}-syd", [unitType.Key]);
        var utcAsset = await data.AssetAsync(london, $"{tag}-utc", [unitType.Key]);
        // March in Sydney (AEDT, UTC+11) is [28 Feb 13:00 UTC, 31 Mar 13:00 UTC).
        var sydneyMarch = new DateTimeOffset(2026, 2, 28, 13, 0, 0, TimeSpan.Zero);
        var sydneyApril = new DateTimeOffset(2026, 3, 31, 13, 0, 0, TimeSpan.Zero);
        foreach (var asset in new[] { sydneyAsset, utcAsset })
        {
            await data.ReadingAsync(asset, unitType.Key, 1m, sydneyMarch.AddSeconds(-1));
            await data.ReadingAsync(asset, unitType.Key, 10m, sydneyMarch);
            await data.ReadingAsync(asset, unitType.Key, 100m, sydneyApril.AddSeconds(-1));
            await data.ReadingAsync(asset, unitType.Key, 1000m, sydneyApril);
        }
        var sydneyBucket = await http.CreateBucketAsync(sydney, unitType.Id);
        var utcBucket = await http.CreateBucketAsync(london, unitType.Id);
        await http.BindAsync(sydneyBucket.Id, sydneyAsset);
        await http.BindAsync(utcBucket.Id, utcAsset);

        var inSydney = (await http.GetBucketAsync(sydneyBucket.Id)).Usage;
        inSydney.PeriodStart.ShouldBe(sydneyMarch);
        inSydney.PeriodEnd.ShouldBe(sydneyApril);
        inSydney.Usage.ShouldBe(110m);

        var inUtc = (await http.GetBucketAsync(utcBucket.Id)).Usage;
        inUtc.PeriodStart.ShouldBe(March);
        inUtc.PeriodEnd.ShouldBe(April);
        inUtc.Usage.ShouldBe(1100m);
    }

    [Fact]
    public async Task Disabled_and_disregarded_assets_do_not_count_but_stay_bound()
    {
        var unitType = await http.CreateUnitTypeAsync($"{tag}-states", "Storage");
        var client = await data.ClientAsync($"{tag} client");
        var counted = await data.AssetAsync(client, $"{tag}-on", [unitType.Key]);
        var disabled = await data.AssetAsync(client, $"{tag}-off", [unitType.Key]);
        var disregarded = await data.AssetAsync(client, $"{tag}-gone", [unitType.Key]);
        foreach (var asset in new[] { counted, disabled, disregarded })
        {
            await data.ReadingAsync(asset, unitType.Key, 7m, March.AddDays(3));
        }
        var bucket = await http.CreateBucketAsync(client, unitType.Id);
        await http.BindAsync(bucket.Id, counted, disabled, disregarded);
        (await http.GetBucketAsync(bucket.Id)).Usage.Usage.ShouldBe(21m);

        await using (var connection = new NpgsqlConnection(fixture.DatabaseConnectionString))
        {
            await connection.ExecuteAsync("UPDATE assets SET enabled = false WHERE id = @disabled", new { disabled });
            await connection.ExecuteAsync("UPDATE assets SET disregarded_at = now() WHERE id = @disregarded",
                new { disregarded });
        }

        var after = await http.GetBucketAsync(bucket.Id);
        after.Usage.Usage.ShouldBe(7m);
        after.BoundAssets.ShouldBe(3);
    }

    [Fact]
    public async Task Over_commit_bills_the_overage_on_top_of_the_base_rounded_once_per_line()
    {
        // 500 AUD for 100 units, 6.125 AUD per unit above.
        var usage = await PricedUsageAsync("over", reading: 120.5m, commitUnits: 100m, overagePrice: 6.125m);

        usage.ShouldBe(new BucketUsageDto(March, April, Usage: 120.5m,
            Cost: 625.56m,                      // 500 + 125.56
            Overage: 125.56m,                   // 20.5 × 6.125 = 125.5625
            BufferUnits: 0m, BufferCost: 0m, PercentOfCommit: 120.5m, Status: "over"));
    }

    [Fact]
    public async Task Under_commit_bills_the_base_and_reports_the_unused_buffer()
    {
        var usage = await PricedUsageAsync("under", reading: 1m, commitUnits: 3m, overagePrice: 6m);

        usage.ShouldBe(new BucketUsageDto(March, April, Usage: 1m, Cost: 500m, Overage: 0m, BufferUnits: 2m,
            BufferCost: 333.33m,                // 2 × 500 / 3
            PercentOfCommit: 33.333333m, Status: "on-track")); // at full precision (6 decimals): the UI rounds it
    }

    [Fact]
    public async Task A_zero_commit_bills_every_unit_as_overage_and_has_no_percentage()
    {
        var usage = await PricedUsageAsync("zero", reading: 4m, commitUnits: 0m, overagePrice: 0.255m);

        usage.ShouldBe(new BucketUsageDto(March, April, Usage: 4m, Cost: 501.02m, Overage: 1.02m, BufferUnits: 0m,
            BufferCost: 0m, PercentOfCommit: null, Status: "over"));
    }

    [Fact]
    public async Task Money_has_the_currencys_digits_quantities_at_least_the_precision_and_the_percentage_all_its_digits()
    {
        await PricedUsageAsync("digits", reading: 120.5m, commitUnits: 100m, overagePrice: 6.125m);

        var json = await BucketJsonAsync($"search={tag}-digits");

        json.ShouldContain("\"unitTypePrecision\":2,");
        json.ShouldContain("\"commitUnits\":100.00,");
        json.ShouldContain("\"basePrice\":500.00,");
        json.ShouldContain("\"overagePrice\":6.125,");
        json.ShouldContain("\"usage\":120.50,");
        json.ShouldContain("\"cost\":625.56,");
        json.ShouldContain("\"overage\":125.56,");
        json.ShouldContain("\"bufferUnits\":0.00,");
        json.ShouldContain("\"bufferCost\":0.00,");
        json.ShouldContain("\"percentOfCommit\":120.5,");
    }

    [Fact]
    public async Task A_whole_unit_in_a_currency_without_minor_units_answers_whole_numbers()
    {
        // A count unit type takes precision 0 by default; yen have no minor unit.
        var response = await http.PostAsJsonAsync(MeteringRequests.UnitTypes, new
        {
            key = $"{tag}-seats", name = "Seats", aggregation = "count", basePrice = 1000m, overagePrice = 450.5m,
            currency = "JPY", commitUnits = 3m,
        });
        var unitType = await response.ShouldBeJsonAsync<UnitTypeDto>(HttpStatusCode.Created);
        var client = await data.ClientAsync($"{tag} yen");
        var first = await data.AssetAsync(client, $"{tag}-seat-a", [unitType.Key]);
        var second = await data.AssetAsync(client, $"{tag}-seat-b", [unitType.Key]);
        await data.ReadingAsync(first, unitType.Key, 1m, March.AddDays(2));
        await data.ReadingAsync(second, unitType.Key, 1m, March.AddDays(2));
        var bucket = await http.CreateBucketAsync(client, unitType.Id, $"{tag}-yen", commitUnits: 3m);
        await http.BindAsync(bucket.Id, first, second);

        var json = await BucketJsonAsync($"search={tag}-yen");

        json.ShouldContain("\"unitTypePrecision\":0,");
        json.ShouldContain("\"commitUnits\":3,");
        json.ShouldContain("\"basePrice\":1000,");
        json.ShouldContain("\"overagePrice\":450.5,");
        json.ShouldContain("\"usage\":2,");
        json.ShouldContain("\"cost\":1000,");
        json.ShouldContain("\"bufferUnits\":1,");
        json.ShouldContain("\"bufferCost\":333,"); // 1 × 1000 / 3
        // 2 ÷ 3 × 100 at full precision, not 66.7: the UI rounds it for display.
        json.ShouldContain("\"percentOfCommit\":66.666667,");
    }

    [Fact]
    public async Task The_list_sorts_and_pages_by_current_usage()
    {
        var unitType = await http.CreateUnitTypeAsync($"{tag}-sort", "Storage");
        var client = await data.ClientAsync($"{tag} client");
        var buckets = new Dictionary<decimal, Guid>();
        foreach (var (name, quantity) in new[] { ("Alpha", 50m), ("Bravo", 0m), ("Charlie", 5m) })
        {
            var asset = await data.AssetAsync(client, $"{tag}-{name}", [unitType.Key]);
            if (quantity > 0)
            {
                await data.ReadingAsync(asset, unitType.Key, quantity, March.AddDays(5));
            }
            var bucket = await http.CreateBucketAsync(client, unitType.Id, name);
            await http.BindAsync(bucket.Id, asset);
            buckets[quantity] = bucket.Id;
        }

        var ascending = await ListAsync($"clientId={client}&sort=usage");
        ascending.Items.Select(bucket => bucket.Usage.Usage).ShouldBe([0m, 5m, 50m]);

        var firstPage = await ListAsync($"clientId={client}&sort=usage&direction=desc&pageSize=2");
        firstPage.TotalCount.ShouldBe(3);
        firstPage.Items.Select(bucket => bucket.Id).ShouldBe([buckets[50m], buckets[5m]]);
        var secondPage = await ListAsync($"clientId={client}&sort=usage&direction=desc&pageSize=2&page=2");
        secondPage.Items.ShouldHaveSingleItem().Id.ShouldBe(buckets[0m]);
    }

    [Fact]
    public async Task A_bucket_whose_cost_is_beyond_what_decimal_holds_is_marked_and_the_list_still_answers()
    {
        var unitType = await http.CreateUnitTypeAsync($"{tag}-huge", "Storage");
        var client = await data.ClientAsync($"{tag} huge");
        var asset = await data.AssetAsync(client, $"{tag}-huge", [unitType.Key]);
        var healthy = await http.CreateBucketAsync(client, unitType.Id, "Healthy");
        var extreme = await http.CreateBucketAsync(client, unitType.Id, "Extreme");
        await http.BindAsync(extreme.Id, asset);
        await using (var connection = new NpgsqlConnection(fixture.DatabaseConnectionString))
        {
            // A thousand readings at the column's maximum, billed at the largest overage price allowed before the
            // bounds were lowered: 1e17 units × 1e12 is beyond decimal's 7.9e28.
            await connection.ExecuteAsync("""
                SELECT ensure_raw_readings_partition(@at);
                INSERT INTO raw_readings (org_id, observed_at, reading_id, asset_id, unit_type_key, quantity, received_at,
                                          batch_id, late)
                SELECT @org, @at + n * interval '1 second', @tag || '-' || n, @asset, @key, 99999999999999.999999, @at,
                       @batch, false
                FROM generate_series(1, 1000) AS n;
                UPDATE buckets SET overage_price = 999999999999.999999 WHERE id = @bucket;
                """, new
            {
                org = BillingOne.BuildingBlocks.Tenancy.OrganizationContextExtensions.DemoOrganizationId,
                at = March.AddDays(2).UtcDateTime, tag, asset, key = unitType.Key, batch = Guid.NewGuid(),
                bucket = extreme.Id,
            });
        }

        var items = System.Text.Json.JsonDocument.Parse(await BucketJsonAsync($"search={tag}")).RootElement
            .GetProperty("items").EnumerateArray().ToDictionary(item => item.GetProperty("id").GetGuid(),
                item => item.GetProperty("usage"));

        items[extreme.Id].GetProperty("status").GetString().ShouldBe("error");
        items[extreme.Id].GetProperty("cost").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        items[extreme.Id].GetProperty("error").GetString()!.ShouldContain("beyond what can be calculated");
        items[healthy.Id].GetProperty("status").GetString().ShouldBe("on-track");
        items[healthy.Id].GetProperty("cost").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Number);
    }

    /// <summary>The list answer as text, as a client's JSON parser receives it.</summary>
    private async Task<string> BucketJsonAsync(string query)
    {
        var response = await http.GetAsync($"{MeteringRequests.Buckets}?{query}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<PagedResult<BucketDto>> ListAsync(string query) =>
        await (await http.GetAsync($"{MeteringRequests.Buckets}?{query}"))
            .ShouldBeJsonAsync<PagedResult<BucketDto>>(HttpStatusCode.OK);

    /// <summary>
    /// The usage of a new bucket (500 base price, <paramref name="commitUnits"/> committed, <paramref name="overagePrice"/>
    /// per unit above) fed by one asset with one reading of <paramref name="reading"/> in the period.
    /// </summary>
    private async Task<BucketUsageDto> PricedUsageAsync(string name, decimal reading, decimal commitUnits,
        decimal overagePrice)
    {
        var unitType = await http.CreateUnitTypeAsync($"{tag}-{name}", "Storage");
        var clientId = await data.ClientAsync($"{tag} {name}");
        var asset = await data.AssetAsync(clientId, $"{tag}-{name}", [unitType.Key]);
        await data.ReadingAsync(asset, unitType.Key, reading, March.AddDays(2));
        var response = await http.PostAsJsonAsync(MeteringRequests.Buckets, new
        {
            clientId, name = "Priced", unitTypeId = unitType.Id, commitUnits, basePrice = 500m, overagePrice,
        });
        var bucket = await response.ShouldBeJsonAsync<BucketDto>(HttpStatusCode.Created);
        await http.BindAsync(bucket.Id, asset);
        return (await http.GetBucketAsync(bucket.Id)).Usage;
    }
}
