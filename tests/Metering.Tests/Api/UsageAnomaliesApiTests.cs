using System.Net;
using System.Net.Http.Json;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.BuildingBlocks.Security;
using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.Metering.Anomalies;
using BillingOne.Testing;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BillingOne.Metering.Tests.Api;

public sealed record UsageAnomalyStatusDto(DateOnly? ExaminedDay, DateTimeOffset? ScannedAt);

public sealed record UsageAnomalyDto(Guid AssetId, string Source, string ExternalId, string? AssetName, Guid? ClientId,
    string? ClientName, Guid BucketId, string BucketName, string UnitTypeKey, string Kind, DateOnly Day,
    decimal Expected, decimal Observed, decimal EstimatedImpact, string Currency, string Explanation);

/// <summary>
/// Usage anomalies over a month of readings written relative to the service's clock, which stands at
/// <see cref="FixedClockMeteringFixture.Now"/> (15 March 2026, 10:00 UTC): the examined day is 14 March, its history 14
/// February – 13 March. Buckets are priced 500 AUD for 100 units and 6 AUD per unit above (5 AUD a unit of the commit).
/// The fixture's database holds only this class's organization data, and only the scenario test adds readings. The
/// anomalies come from a scan: the test runs the scanner's pass, as the background worker would.
/// </summary>
[Trait("Category", "Integration")]
public class UsageAnomaliesApiTests(FixedClockMeteringFixture fixture) : IClassFixture<FixedClockMeteringFixture>
{
    private const string Anomalies = "/api/metering/usage-anomalies";

    /// <summary>Days of history the scenario writes before the examined day: the whole window.</summary>
    private const int UsageAnomalyHistory = 28;

    private static readonly Guid DemoOrg = OrganizationContextExtensions.DemoOrganizationId;
    private static readonly DateOnly Examined =
        DateOnly.FromDateTime(FixedClockMeteringFixture.Now.UtcDateTime).AddDays(-1);

    private readonly HttpClient http = fixture.Client;
    private readonly MeteringTestData data = fixture.Data;

    [Fact]
    public async Task Spikes_and_silent_assets_come_back_with_their_hand_computed_impact_largest_first()
    {
        var alpha = await data.ClientAsync("Alpha");
        var bravo = await data.ClientAsync("Bravo");
        var gigabytes = await http.CreateUnitTypeAsync("anomaly-gb", "Backup GB");
        var peak = await http.CreateUnitTypeAsync("anomaly-peak", "Peak GB", aggregation: "max");
        var seats = await http.CreateUnitTypeAsync("anomaly-seats", "Seats");

        // Alpha's backup bucket: a steady asset, one that spiked yesterday, one gone silent, one disregarded.
        var steady = await data.AssetAsync(alpha, "steady", [gigabytes.Key]);
        var spiking = await data.AssetAsync(alpha, "spiking", [gigabytes.Key]);
        var silent = await data.AssetAsync(alpha, "silent", [gigabytes.Key]);
        var disregarded = await data.AssetAsync(alpha, "disregarded", [gigabytes.Key]);
        var backup = await http.CreateBucketAsync(alpha, gigabytes.Id, name: "Alpha backup");
        await http.BindAsync(backup.Id, steady, spiking, silent, disregarded);
        // An asset of a bucket that is switched off.
        var switchedOff = await data.AssetAsync(alpha, "switched-off", [seats.Key]);
        var disabledBucket = await http.CreateBucketAsync(alpha, seats.Id, name: "Alpha seats");
        await http.BindAsync(disabledBucket.Id, switchedOff);
        (await http.PatchAsJsonAsync($"{MeteringRequests.Buckets}/{disabledBucket.Id}", new { enabled = false }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        // Bravo's peak bucket (max): readings 3 and 7 a day, then 2 and 30 yesterday.
        var bravoPeak = await data.AssetAsync(bravo, "bravo-peak", [peak.Key]);
        var peakBucket = await http.CreateBucketAsync(bravo, peak.Id, name: "Bravo peak");
        await http.BindAsync(peakBucket.Id, bravoPeak);

        for (var back = UsageAnomalyHistory; back >= 1; back--)
        {
            var day = Examined.AddDays(-back);
            await ReadAsync(steady, gigabytes.Key, day, 10m);
            await ReadAsync(spiking, gigabytes.Key, day, 10m);
            await ReadAsync(disregarded, gigabytes.Key, day, 10m);
            await ReadAsync(switchedOff, seats.Key, day, 10m);
            await ReadAsync(bravoPeak, peak.Key, day, 3m, 7m);
            if (back >= 2)
            {
                // Two readings a day: the daily figure of a sum bucket is their total, 10.
                await ReadAsync(silent, gigabytes.Key, day, 4m, 6m);
            }
        }
        await ReadAsync(steady, gigabytes.Key, Examined, 11m);
        await ReadAsync(spiking, gigabytes.Key, Examined, 100m);
        await ReadAsync(disregarded, gigabytes.Key, Examined, 100m);
        await ReadAsync(switchedOff, seats.Key, Examined, 100m);
        await ReadAsync(bravoPeak, peak.Key, Examined, 2m, 30m);
        await ReadAsync(bravoPeak, "another-unit", Examined, 5000m);
        await using (var connection = await fixture.OpenDatabaseAsync())
        {
            await connection.ExecuteAsync("UPDATE assets SET disregarded_at = now() WHERE id = @disregarded",
                new { disregarded });
        }

        // Nothing is computed on request: before the organization's first scan the list is empty.
        (await ListAsync(http, "")).TotalCount.ShouldBe(0);
        (await StatusAsync(http)).ShouldBe(new UsageAnomalyStatusDto(null, null));
        (await Scanner.ScanDueAsync(CancellationToken.None)).ShouldBe(1);
        (await StatusAsync(http)).ShouldBe(new UsageAnomalyStatusDto(Examined, FixedClockMeteringFixture.Now));

        var spike = new UsageAnomalyDto(spiking, "agent", "spiking", null, alpha, "Alpha", backup.Id, "Alpha backup",
            gigabytes.Key, "spike", Examined, Expected: 10m, Observed: 100m,
            EstimatedImpact: 540m,                                  // (100 − 10) × 6
            "AUD", "100.00 on 2026-03-14 against a usual 10.00 a day (median of 28 days with readings): 90.00 extra " +
                "units at 6.00 AUD overage.");
        var bravoSpike = new UsageAnomalyDto(bravoPeak, "agent", "bravo-peak", null, bravo, "Bravo", peakBucket.Id,
            "Bravo peak", peak.Key, "spike", Examined, Expected: 7m, Observed: 30m,
            EstimatedImpact: 138m,                  // (30 − 7) × 6; threshold max(3 × 7, 7 + 5 × 0) = 21
            "AUD", "30.00 on 2026-03-14 against a usual 7.00 a day (median of 28 days with readings): 23.00 extra " +
                "units at 6.00 AUD overage.");
        var silence = new UsageAnomalyDto(silent, "agent", "silent", null, alpha, "Alpha", backup.Id, "Alpha backup",
            gigabytes.Key, "silent", Examined.AddDays(-1), Expected: 10m, Observed: 0m,
            EstimatedImpact: 100m,                                  // 2 days × 10 units × 500 / 100
            "AUD", "Nothing since 2026-03-13 (2 days) after readings on 14 of the 14 days before; usually 10.00 a " +
                "day: 20.00 units at risk at 5.00 AUD.");

        var all = await ListAsync(http, "");
        all.Items.ShouldBe([spike, bravoSpike, silence]);
        (all.Page, all.PageSize, all.TotalCount).ShouldBe((1, PageRequest.DefaultPageSize, 3L));

        (await ListAsync(http, "?kind=silent")).Items.ShouldBe([silence]);
        (await ListAsync(http, "?kind=SPIKE")).Items.ShouldBe([spike, bravoSpike]);
        (await ListAsync(http, $"?clientId={bravo}")).Items.ShouldBe([bravoSpike]);
        var secondPage = await ListAsync(http, "?page=2&pageSize=2");
        (secondPage.Items.Single(), secondPage.TotalCount).ShouldBe((silence, 3L));

        using var alphaKey = fixture.CreateClient(TestTokens.For(DemoOrg, Roles.Admin, clientScope: alpha));
        (await ListAsync(alphaKey, "")).Items.ShouldBe([spike, silence]);
        (await ListAsync(alphaKey, $"?clientId={bravo}")).Items.ShouldBeEmpty();
        using var reader = fixture.CreateClient(TestTokens.For(DemoOrg, Roles.ReadOnly));
        (await ListAsync(reader, "?kind=spike&clientId=" + alpha)).Items.ShouldBe([spike]);

        var export = await http.GetAsync($"{Anomalies}/export?kind=spike");
        export.StatusCode.ShouldBe(HttpStatusCode.OK);
        export.Content.Headers.ContentType?.MediaType.ShouldBe("text/csv");
        var lines = (await export.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(3);
        lines[0].ShouldBe("Asset ID,Source,External ID,Asset,Client ID,Client,Bucket ID,Bucket,Unit Type,Kind,Day," +
            "Expected,Observed,Estimated Impact,Currency,Explanation");
        lines[1].ShouldBe($"{spiking},agent,spiking,,{alpha},Alpha,{backup.Id},Alpha backup,anomaly-gb,spike," +
            "2026-03-14,10.00,100.00,540.00,AUD,100.00 on 2026-03-14 against a usual 10.00 a day (median of 28 days " +
            "with readings): 90.00 extra units at 6.00 AUD overage.");
        lines[2].ShouldStartWith($"{bravoPeak},agent,bravo-peak,,{bravo},Bravo,");
    }

    [Theory]
    [InlineData("?kind=burst", "kind")]
    [InlineData("?clientId=alpha", "clientId")]
    [InlineData("?pageSize=0", "pageSize")]
    [InlineData("?page=0", "page")]
    public async Task A_list_query_that_is_not_valid_is_a_problem_naming_the_parameter(string query, string parameter)
    {
        var response = await http.GetAsync(Anomalies + query);

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ValidationErrors().Keys.ShouldBe([parameter]);
    }

    [Fact]
    public async Task The_export_refuses_a_kind_it_does_not_know()
    {
        var response = await http.GetAsync($"{Anomalies}/export?kind=burst");

        var errors = (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ValidationErrors();
        errors["kind"].ShouldBe(["kind must be one of 'spike', 'silent'."]);
    }

    private UsageAnomalyScanner Scanner =>
        fixture.Services.GetServices<IHostedService>().OfType<UsageAnomalyScanner>().Single();

    private static async Task<UsageAnomalyStatusDto> StatusAsync(HttpClient client) =>
        await (await client.GetAsync($"{Anomalies}/status"))
            .ShouldBeJsonAsync<UsageAnomalyStatusDto>(HttpStatusCode.OK);

    private static async Task<PagedResult<UsageAnomalyDto>> ListAsync(HttpClient client, string query) =>
        await (await client.GetAsync(Anomalies + query))
            .ShouldBeJsonAsync<PagedResult<UsageAnomalyDto>>(HttpStatusCode.OK);

    private Task ReadAsync(Guid assetId, string unitTypeKey, DateOnly day, params decimal[] quantities) =>
        data.DayOfReadingsAsync(assetId, unitTypeKey, day, quantities);
}
