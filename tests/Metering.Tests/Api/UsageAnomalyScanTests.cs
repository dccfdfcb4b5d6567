using System.Net;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.BuildingBlocks.Security;
using BillingOne.Metering.Anomalies;
using BillingOne.Metering.Data;
using BillingOne.Metering.Domain;
using BillingOne.Testing;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BillingOne.Metering.Tests.Api;

/// <summary>
/// How stored usage anomalies follow the readings: scans replace an organization's rows, and only its own. Each test
/// works in organizations of its own; the service's clock starts at <see cref="FixedClockMeteringFixture.Now"/> (15
/// March 2026, 10:00 UTC: examined day 14 March) and only moves forward by hours, so the examined day stays.
/// Buckets are priced 500 AUD for 100 units and 6 AUD per unit above (5 AUD a unit of the commit).
/// </summary>
[Trait("Category", "Integration")]
public sealed class UsageAnomalyScanTests(FixedClockMeteringFixture fixture) : IClassFixture<FixedClockMeteringFixture>
{
    private const string Anomalies = "/api/metering/usage-anomalies";
    private const string UnitTypeKey = "scan-gb";

    /// <summary>The scanner's default: a scan of the current examined day is redone after an hour.</summary>
    private static readonly TimeSpan RescanInterval = new UsageAnomalyOptions().RescanInterval;

    private static readonly DateOnly Examined =
        DateOnly.FromDateTime(FixedClockMeteringFixture.Now.UtcDateTime).AddDays(-1);

    private readonly MeteringTestData data = fixture.Data;

    private UsageAnomalyScanner Scanner =>
        fixture.Services.GetServices<IHostedService>().OfType<UsageAnomalyScanner>().Single();

    [Fact]
    public async Task A_rescan_an_hour_later_replaces_the_anomalies_a_late_reading_changed()
    {
        var org = Guid.NewGuid();
        using var http = fixture.CreateClient(TestTokens.For(org, Roles.Admin));
        var scene = await SceneAsync(org, http, "Rescan");
        var scannedAt = fixture.Clock.GetUtcNow();
        await Scanner.ScanDueAsync(CancellationToken.None);
        (await ListAsync(http)).ShouldBe([scene.Spike, scene.Silence]);

        // The silent asset's reading of the examined day arrives late: it was never silent.
        await data.DayOfReadingsAsync(scene.SilentAsset, UnitTypeKey, Examined, [10m], org);
        fixture.Clock.Advance(RescanInterval - TimeSpan.FromMinutes(1));
        await Scanner.ScanDueAsync(CancellationToken.None);
        // Not due yet: the list still answers the stored scan.
        (await ListAsync(http)).ShouldBe([scene.Spike, scene.Silence]);
        (await StatusAsync(http)).ShouldBe(new UsageAnomalyStatusDto(Examined, scannedAt));

        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        await Scanner.ScanDueAsync(CancellationToken.None);

        (await ListAsync(http)).ShouldBe([scene.Spike]);
        (await StatusAsync(http)).ShouldBe(new UsageAnomalyStatusDto(Examined, scannedAt + RescanInterval));
    }

    [Fact]
    public async Task Scanning_one_organization_leaves_another_organizations_anomalies_as_they_were_stored()
    {
        var mine = Guid.NewGuid();
        var theirs = Guid.NewGuid();
        using var myHttp = fixture.CreateClient(TestTokens.For(mine, Roles.Admin));
        using var theirHttp = fixture.CreateClient(TestTokens.For(theirs, Roles.Admin));
        var myScene = await SceneAsync(mine, myHttp, "Mine");
        var theirScene = await SceneAsync(theirs, theirHttp, "Theirs");
        var store = fixture.Services.GetRequiredService<UsageAnomalyStore>();
        var now = fixture.Clock.GetUtcNow();
        var window = UsageAnomalyWindow.Before(now);
        (await store.ScanIfDueAsync(theirs, window, now, RescanInterval, CancellationToken.None)).ShouldBe(2);

        // Their silent asset's late reading would clear its anomaly, but only their own scan may say so.
        await data.DayOfReadingsAsync(theirScene.SilentAsset, UnitTypeKey, Examined, [10m], theirs);
        var later = now + RescanInterval;
        (await store.ScanIfDueAsync(mine, window, later, RescanInterval, CancellationToken.None)).ShouldBe(2);

        (await ListAsync(myHttp)).ShouldBe([myScene.Spike, myScene.Silence]);
        (await StatusAsync(myHttp)).ShouldBe(new UsageAnomalyStatusDto(Examined, later));
        (await ListAsync(theirHttp)).ShouldBe([theirScene.Spike, theirScene.Silence]);
        (await StatusAsync(theirHttp)).ShouldBe(new UsageAnomalyStatusDto(Examined, now));

        (await store.ScanIfDueAsync(theirs, window, later, RescanInterval, CancellationToken.None)).ShouldBe(1);
        (await ListAsync(theirHttp)).ShouldBe([theirScene.Spike]);
        (await ListAsync(myHttp)).ShouldBe([myScene.Spike, myScene.Silence]);
    }

    [Fact]
    public async Task An_asset_disregarded_after_the_scan_leaves_the_list_before_the_next_one()
    {
        var org = Guid.NewGuid();
        using var http = fixture.CreateClient(TestTokens.For(org, Roles.Admin));
        var scene = await SceneAsync(org, http, "Disregard");
        await Scanner.ScanDueAsync(CancellationToken.None);

        await using (var connection = await fixture.OpenDatabaseAsync())
        {
            await connection.ExecuteAsync("UPDATE assets SET disregarded_at = now() WHERE org_id = @org AND id = @id",
                new { org, id = scene.SilentAsset });
        }

        (await ListAsync(http)).ShouldBe([scene.Spike]);
    }

    /// <summary>
    /// A client of <paramref name="orgId"/> with one backup bucket (sum) and two assets reporting 10 a day over the
    /// 28 history days: one reads 100 on the examined day (a spike), the other has read nothing for 2 days (silent).
    /// </summary>
    private async Task<Scene> SceneAsync(Guid orgId, HttpClient http, string clientName)
    {
        var client = await data.ClientAsync(clientName, orgId: orgId);
        var gigabytes = await http.CreateUnitTypeAsync(UnitTypeKey, "Backup GB");
        var spiking = await data.AssetAsync(client, "spiking", [UnitTypeKey], orgId: orgId);
        var silent = await data.AssetAsync(client, "silent", [UnitTypeKey], orgId: orgId);
        var bucket = await http.CreateBucketAsync(client, gigabytes.Id, name: "Backup");
        await http.BindAsync(bucket.Id, spiking, silent);
        for (var back = UsageAnomalyWindow.HistoryDays; back >= 1; back--)
        {
            var day = Examined.AddDays(-back);
            await data.DayOfReadingsAsync(spiking, UnitTypeKey, day, [10m], orgId);
            if (back >= 2)
            {
                await data.DayOfReadingsAsync(silent, UnitTypeKey, day, [10m], orgId);
            }
        }
        await data.DayOfReadingsAsync(spiking, UnitTypeKey, Examined, [100m], orgId);

        var spike = new UsageAnomalyDto(spiking, "agent", "spiking", null, client, clientName, bucket.Id, "Backup",
            UnitTypeKey, "spike", Examined, Expected: 10m, Observed: 100m,
            EstimatedImpact: 540m,                                  // (100 − 10) × 6
            "AUD", "100.00 on 2026-03-14 against a usual 10.00 a day (median of 28 days with readings): 90.00 extra " +
                "units at 6.00 AUD overage.");
        var silence = new UsageAnomalyDto(silent, "agent", "silent", null, client, clientName, bucket.Id, "Backup",
            UnitTypeKey, "silent", Examined.AddDays(-1), Expected: 10m, Observed: 0m,
            EstimatedImpact: 100m,                                  // 2 days × 10 units × 500 / 100
            "AUD", "Nothing since 2026-03-13 (2 days) after readings on 14 of the 14 days before; usually 10.00 a " +
                "day: 20.00 units at risk at 5.00 AUD.");
        return new Scene(silent, spike, silence);
    }

    private static async Task<IReadOnlyList<UsageAnomalyDto>> ListAsync(HttpClient http) =>
        (await (await http.GetAsync(Anomalies)).ShouldBeJsonAsync<PagedResult<UsageAnomalyDto>>(HttpStatusCode.OK))
            .Items;

    private static async Task<UsageAnomalyStatusDto> StatusAsync(HttpClient http) =>
        await (await http.GetAsync($"{Anomalies}/status")).ShouldBeJsonAsync<UsageAnomalyStatusDto>(HttpStatusCode.OK);

    private sealed record Scene(Guid SilentAsset, UsageAnomalyDto Spike, UsageAnomalyDto Silence);
}
