using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BillingOne.BuildingBlocks.Security;
using BillingOne.Metering.Data;
using BillingOne.Metering.Observations;
using BillingOne.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace BillingOne.Metering.Tests.Api;

/// <summary>
/// BucketUsageObserved as the projection service receives it (read from metering's outbox): usage and the daily
/// series of the open period worked out by hand, the debounce, final observations at finalization, and the republish.
/// The publisher's timer is off in tests; its passes are called here at the fixture clock's instants.
/// </summary>
[Trait("Category", "Integration")]
public sealed class UsageObservationTests(FixedClockMeteringFixture fixture)
    : IClassFixture<FixedClockMeteringFixture>, IDisposable
{
    private const string Republish = "/api/metering/observations/republish";
    private static readonly TimeSpan Debounce = TimeSpan.FromSeconds(5);

    private readonly Guid orgId = Guid.NewGuid();
    private readonly MeteringTestData data = fixture.Data;
    private HttpClient? adminClient;

    private HttpClient Admin => adminClient ??= fixture.CreateClient(TestTokens.For(orgId, Roles.Admin));

    private ObservationPublisher Publisher =>
        fixture.Services.GetServices<IHostedService>().OfType<ObservationPublisher>().Single();

    [Fact]
    public async Task Sum_max_count_and_last_buckets_report_usage_so_far_and_each_ended_day_of_the_sydney_month()
    {
        // Sydney is on AEDT (+11) all March 2026: the period starts 28 February 13:00 UTC and each day ends at 13:00
        // UTC. The clock stands on 15 March about 10:00 UTC (21:00 in Sydney): days 1–14 have ended.
        var client = await data.ClientAsync("Harbour", "Australia/Sydney", orgId: orgId);
        var keys = new[] { "sum-gb", "max-gb", "count-gb", "last-gb" };
        var a = await data.AssetAsync(client, "a", keys, orgId: orgId);
        var b = await data.AssetAsync(client, "b", keys, orgId: orgId);
        var buckets = new Dictionary<string, Guid>();
        foreach (var aggregation in new[] { "sum", "max", "count", "last" })
        {
            var unitType = await Admin.CreateUnitTypeAsync($"{aggregation}-gb", $"{aggregation} GB", aggregation);
            var bucket = await Admin.CreateBucketAsync(client, unitType.Id, name: aggregation);
            await Admin.BindAsync(bucket.Id, a, b);
            buckets[aggregation] = bucket.Id;
            // B: 50 in February (left out); 3 exactly at the period's start, 1 March 00:00 Sydney (day 1).
            await data.ReadingAsync(b, unitType.Key, 50m, Utc(2026, 2, 28, 12), orgId);
            await data.ReadingAsync(b, unitType.Key, 3m, Utc(2026, 2, 28, 13), orgId);
            // A: 10 on 2 March 09:00 Sydney (day 2); 4 exactly at 3 March 00:00 Sydney, which starts day 3.
            await data.ReadingAsync(a, unitType.Key, 10m, Utc(2026, 3, 1, 22), orgId);
            await data.ReadingAsync(a, unitType.Key, 4m, Utc(2026, 3, 2, 13), orgId);
            // B: 7 on 3 March 12:00 Sydney (day 3). A: 6 on 10 March 08:00 Sydney (day 10).
            await data.ReadingAsync(b, unitType.Key, 7m, Utc(2026, 3, 3, 1), orgId);
            await data.ReadingAsync(a, unitType.Key, 6m, Utc(2026, 3, 9, 21), orgId);
            // B: 2 on 15 March 20:00 Sydney (day 15, not ended): in the usage only. A: 100 after the observation.
            await data.ReadingAsync(b, unitType.Key, 2m, Utc(2026, 3, 15, 9), orgId);
            await data.ReadingAsync(a, unitType.Key, 100m, Utc(2026, 3, 15, 11), orgId);
        }

        // Creating and binding marked the buckets; the marks have not rested for the debounce yet.
        await Publisher.PublishDueAsync(CancellationToken.None);
        (await ObservationsAsync()).ShouldBeEmpty();
        fixture.Clock.Advance(Debounce);
        var observedAt = fixture.Clock.GetUtcNow();
        await Publisher.PublishDueAsync(CancellationToken.None);

        var observations = (await ObservationsAsync()).ToDictionary(o => o.GetProperty("bucketName").GetString()!);
        observations.Count.ShouldBe(4);
        // Per asset, then added up: sum A 10|14|20 + B 3|10|12; max A 10 + B 3|7; count 1 per reporting asset;
        // last A 10|4|6 + B 3|7|2.
        Daily(observations["sum"]).ShouldBe([3m, 13m, .. Repeat(24m, 7), .. Repeat(30m, 5)]);
        Usage(observations["sum"]).ShouldBe(32m);
        Daily(observations["max"]).ShouldBe([3m, 13m, .. Repeat(17m, 12)]);
        Usage(observations["max"]).ShouldBe(17m);
        Daily(observations["count"]).ShouldBe([1m, .. Repeat(2m, 13)]);
        Usage(observations["count"]).ShouldBe(2m);
        Daily(observations["last"]).ShouldBe([3m, 13m, .. Repeat(11m, 7), .. Repeat(13m, 5)]);
        Usage(observations["last"]).ShouldBe(8m);

        var sum = observations["sum"];
        sum.GetProperty("bucketId").GetGuid().ShouldBe(buckets["sum"]);
        sum.GetProperty("clientId").GetGuid().ShouldBe(client);
        sum.GetProperty("clientName").GetString().ShouldBe("Harbour");
        sum.GetProperty("unitTypeKey").GetString().ShouldBe("sum-gb");
        sum.GetProperty("aggregation").GetString().ShouldBe("sum");
        sum.GetProperty("enabled").GetBoolean().ShouldBeTrue();
        (sum.GetProperty("commitUnits").GetDecimal(), sum.GetProperty("basePrice").GetDecimal(),
            sum.GetProperty("overagePrice").GetDecimal(), sum.GetProperty("currency").GetString())
            .ShouldBe((100m, 500m, 6m, "AUD"));
        (sum.GetProperty("year").GetInt32(), sum.GetProperty("month").GetInt32()).ShouldBe((2026, 3));
        sum.GetProperty("periodStart").GetDateTimeOffset().ShouldBe(Utc(2026, 2, 28, 13));
        sum.GetProperty("periodEnd").GetDateTimeOffset().ShouldBe(Utc(2026, 3, 31, 13));
        sum.GetProperty("observedAt").GetDateTimeOffset().ShouldBe(observedAt);
        sum.GetProperty("final").GetBoolean().ShouldBeFalse();
        sum.GetProperty("sourceType").ValueKind.ShouldBe(JsonValueKind.Null, "the bucket takes every source");
        observations.Values.Select(o => o.GetProperty("version").GetInt64()).Distinct().Count().ShouldBe(4);
    }

    [Fact]
    public async Task Fifty_readings_for_one_bucket_in_five_batches_give_one_observation_after_the_debounce()
    {
        var client = await data.ClientAsync("Burst", orgId: orgId);
        var unitType = await Admin.CreateUnitTypeAsync("burst-gb", "Burst GB");
        var asset = await data.AssetAsync(client, "burst-1", [unitType.Key], orgId: orgId);
        var bucket = await Admin.CreateBucketAsync(client, unitType.Id);
        await Admin.BindAsync(bucket.Id, asset);
        fixture.Clock.Advance(Debounce);
        await Publisher.PublishDueAsync(CancellationToken.None);
        var before = (await ObservationsAsync()).ShouldHaveSingleItem("creating and binding are one observation");
        Usage(before).ShouldBe(0m);

        // 1 + 2 + … + 50 = 1275, each on 2 March (UTC client), through the consumer as ingestion delivers them.
        for (var batch = 0; batch < 5; batch++)
        {
            var readings = Enumerable.Range(batch * 10 + 1, 10).Select(quantity => MeteringMessages.Reading("agent",
                "burst-1", Utc(2026, 3, 2, 8).AddMinutes(quantity), quantity, unitType.Key)).ToList();
            await fixture.PublishAndWaitAsync(MeteringMessages.Batch(readings, orgId: orgId));
        }
        await Publisher.PublishDueAsync(CancellationToken.None);
        (await ObservationsAsync()).Count.ShouldBe(1, "the readings' mark has not rested for the debounce");

        fixture.Clock.Advance(Debounce);
        await Publisher.PublishDueAsync(CancellationToken.None);
        await Publisher.PublishDueAsync(CancellationToken.None);

        var observations = await ObservationsAsync();
        observations.Count.ShouldBe(2);
        var after = observations[1];
        Usage(after).ShouldBe(1275m);
        // Day 1 has no readings; day 2 (ended) holds them all, up to day 14.
        Daily(after).ShouldBe([0m, .. Repeat(1275m, 13)]);
        after.GetProperty("version").GetInt64().ShouldBeGreaterThan(before.GetProperty("version").GetInt64());

        // A disabled asset no longer counts: the bucket it feeds is observed again, empty.
        (await Admin.PostAsync($"/api/metering/assets/{asset}/disable", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        fixture.Clock.Advance(Debounce);
        await Publisher.PublishDueAsync(CancellationToken.None);
        var disabled = (await ObservationsAsync()).Last();
        Usage(disabled).ShouldBe(0m);
        Daily(disabled).ShouldAllBe(day => day == 0m);
    }

    [Fact]
    public async Task Finalizing_a_month_publishes_each_billed_bucket_s_final_observation_and_the_republish_repeats_it()
    {
        // February 2026 of a UTC client: 5 + 7 on 3 February (day 3), 8 exactly at 20 February 00:00 (day 20).
        var client = await data.ClientAsync("Final", orgId: orgId);
        var unitType = await Admin.CreateUnitTypeAsync("final-gb", "Final GB");
        var asset = await data.AssetAsync(client, "final-1", [unitType.Key], orgId: orgId);
        var bucket = await Admin.CreateBucketAsync(client, unitType.Id, commitUnits: 15m, sourceType: "agent");
        await Admin.BindAsync(bucket.Id, asset);
        await data.ReadingAsync(asset, unitType.Key, 5m, Utc(2026, 2, 3, 10), orgId);
        await data.ReadingAsync(asset, unitType.Key, 7m, Utc(2026, 2, 3, 23), orgId);
        await data.ReadingAsync(asset, unitType.Key, 8m, Utc(2026, 2, 20), orgId);
        await Admin.RunBillingToEndAsync(2026, 2);
        (await ObservationsAsync()).ShouldBeEmpty("a draft is no final observation");

        (await Admin.PostAsync($"{BillingRequests.Periods}/2026-02/finalize", null)).StatusCode
            .ShouldBe(HttpStatusCode.OK);

        var final = (await ObservationsAsync()).ShouldHaveSingleItem();
        final.GetProperty("final").GetBoolean().ShouldBeTrue();
        final.GetProperty("bucketId").GetGuid().ShouldBe(bucket.Id);
        (final.GetProperty("year").GetInt32(), final.GetProperty("month").GetInt32()).ShouldBe((2026, 2));
        final.GetProperty("periodStart").GetDateTimeOffset().ShouldBe(Utc(2026, 2, 1));
        final.GetProperty("periodEnd").GetDateTimeOffset().ShouldBe(Utc(2026, 3, 1));
        final.GetProperty("observedAt").GetDateTimeOffset().ShouldBe(Utc(2026, 3, 1));
        final.GetProperty("commitUnits").GetDecimal().ShouldBe(15m);
        final.GetProperty("sourceType").GetString().ShouldBe("agent", "as the billed reading recorded it");
        Usage(final).ShouldBe(20m);
        Daily(final).ShouldBe([0m, 0m, .. Repeat(12m, 17), .. Repeat(20m, 9)]);

        // Finance may not republish; an admin gets every bucket marked and the final observation once more.
        using var finance = fixture.CreateClient(TestTokens.For(orgId, Roles.Finance));
        (await finance.PostAsync(Republish, null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var republished = await (await Admin.PostAsync(Republish, null))
            .ShouldBeJsonAsync<RepublishDto>(HttpStatusCode.Accepted);
        republished.ShouldBe(new RepublishDto(1, 1));
        fixture.Clock.Advance(Debounce);
        await Publisher.PublishDueAsync(CancellationToken.None);

        var observations = await ObservationsAsync();
        observations.Count.ShouldBe(3);
        var again = observations[1];
        again.GetProperty("final").GetBoolean().ShouldBeTrue();
        Usage(again).ShouldBe(20m);
        Daily(again).ShouldBe(Daily(final));
        again.GetProperty("version").GetInt64().ShouldBeGreaterThan(final.GetProperty("version").GetInt64());
        var current = observations[2];
        current.GetProperty("final").GetBoolean().ShouldBeFalse();
        (current.GetProperty("year").GetInt32(), current.GetProperty("month").GetInt32()).ShouldBe((2026, 3));
        Usage(current).ShouldBe(0m);
        current.GetProperty("sourceType").GetString().ShouldBe("agent", "the bucket's source type");
        var audit = (await fixture.AuditEntriesAsync("bucket_observations", orgId)).ShouldHaveSingleItem();
        audit.Action.ShouldBe("republish");
        var values = JsonDocument.Parse(audit.NewValues!).RootElement;
        (values.GetProperty("buckets").GetInt32(), values.GetProperty("finalObservations").GetInt32()).ShouldBe((1, 1));
    }

    [Fact]
    public async Task Two_replicas_publishing_at_once_observe_each_marked_bucket_once()
    {
        var client = await data.ClientAsync("Replicas", orgId: orgId);
        var unitType = await Admin.CreateUnitTypeAsync("replica-gb", "Replica GB");
        var buckets = new List<Guid>();
        for (var i = 0; i < 12; i++)
        {
            buckets.Add((await Admin.CreateBucketAsync(client, unitType.Id, name: $"replica {i}")).Id);
        }
        fixture.Clock.Advance(Debounce);

        // Two publishers as two processes run them (state only in the database), in small batches so they interleave.
        var store = fixture.Services.GetRequiredService<UsageObservationStore>();
        var replicas = Enumerable.Range(0, 2).Select(_ => new ObservationPublisher(store,
            Options.Create(new ObservationOptions { BatchSize = 2 }), fixture.Clock,
            NullLogger<ObservationPublisher>.Instance)).ToList();
        await Task.WhenAll(replicas.Select(replica => replica.PublishDueAsync(CancellationToken.None)));
        await Task.WhenAll(replicas.Select(replica => replica.PublishDueAsync(CancellationToken.None)));

        var observed = (await ObservationsAsync()).Select(o => o.GetProperty("bucketId").GetGuid()).ToList();
        observed.Order().ShouldBe(buckets.Order(), "each bucket observed once, by one of the replicas");
    }

    [Fact]
    public async Task Deleting_a_bucket_announces_its_removal()
    {
        var client = await data.ClientAsync("Gone", orgId: orgId);
        var unitType = await Admin.CreateUnitTypeAsync("gone-gb", "Gone GB");
        var bucket = await Admin.CreateBucketAsync(client, unitType.Id);
        var deletedAt = fixture.Clock.GetUtcNow();

        (await Admin.DeleteAsync($"/api/metering/buckets/{bucket.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        fixture.Clock.Advance(Debounce);
        await Publisher.PublishDueAsync(CancellationToken.None);

        var removed = (await data.OutboxEventsAsync("BucketRemoved", orgId)).ShouldHaveSingleItem();
        removed.GetProperty("bucketId").GetGuid().ShouldBe(bucket.Id);
        removed.GetProperty("removedAt").GetDateTimeOffset().ShouldBe(deletedAt);
        (await ObservationsAsync()).ShouldBeEmpty("the deleted bucket's mark went with it");
    }

    public void Dispose() => adminClient?.Dispose();

    private Task<List<JsonElement>> ObservationsAsync() => data.OutboxEventsAsync("BucketUsageObserved", orgId);

    private static decimal Usage(JsonElement observation) => observation.GetProperty("usage").GetDecimal();

    private static decimal[] Daily(JsonElement observation) =>
        observation.GetProperty("dailyUsage").EnumerateArray().Select(day => day.GetDecimal()).ToArray();

    private static IEnumerable<decimal> Repeat(decimal usage, int days) => Enumerable.Repeat(usage, days);

    private static DateTimeOffset Utc(int year, int month, int day, int hour = 0) =>
        new(year, month, day, hour, 0, 0, TimeSpan.Zero);

    private sealed record RepublishDto(int Buckets, int FinalObservations);
}
