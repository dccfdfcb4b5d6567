using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using BillingOne.Contracts.Partner.V1;
using BillingOne.SystemDriver;
using BillingOne.Testing;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using Shouldly;

namespace BillingOne.EndToEnd.Tests;

/// <summary>
/// The partner gRPC API (billingone.partner.v1) through the gateway's gRPC endpoint over the default run: every method
/// with an admin key, a key scoped to one client, a key of the wrong role and no key; the usage stream resumed from
/// a reading's token yields every reading of the range exactly once; and the demo's billing runs and finalized months
/// are watched as events, resumable, a scoped key seeing only its client's.
/// </summary>
[Collection(RunningSystemCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class PartnerApiTests(SystemFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [SystemFact]
    public async Task Every_partner_method_answers_an_admin_a_scoped_key_within_its_client_and_refuses_other_callers()
    {
        await fixture.System.WaitForStateAsync("demo-seeder", KnownResourceStates.Finished, TimeSpan.FromMinutes(8));
        var callers = new GatewayCallers(fixture.System);
        var period = (await callers.Admin.GetFromJsonAsync<JsonElement>("/api/metering/billing-periods"))
            .GetProperty("items")[0].GetProperty("period").GetString()!;
        using var channel = GrpcChannel.ForAddress(fixture.System.GatewayGrpc);
        var admin = Calls.With(channel, (await callers.CreateKeyAsync("partner admin", "admin")).Key);

        var clients = await admin.Clients.ListClientsAsync(new ListClientsRequest { PageSize = 200 }, admin.Headers,
            Deadlines());
        clients.TotalCount.ShouldBeGreaterThan(1, "the demo organization's clients");
        var subscriptions = await admin.Subscriptions.ListSubscriptionsAsync(new ListSubscriptionsRequest { PageSize = 200 },
            admin.Headers, Deadlines());
        subscriptions.TotalCount.ShouldBeGreaterThan(0, "the sandbox's Pax8 subscriptions");
        // A client with subscriptions, so its scoped key has something of its own to see.
        var ownClientId = subscriptions.Subscriptions.First(subscription => subscription.ClientId != "").ClientId;
        var otherClientId = clients.Clients.First(client => client.ClientId != ownClientId).ClientId;
        var snapshot = await admin.Clients.GetClientSnapshotAsync(new GetClientSnapshotRequest { ClientId = ownClientId },
            admin.Headers, Deadlines());
        snapshot.Client.ClientId.ShouldBe(ownClientId);
        (await admin.Clients.ListInvoicesAsync(new ListInvoicesRequest { PageSize = 200 }, admin.Headers, Deadlines()))
            .TotalCount.ShouldBeGreaterThan(0, "the sandbox's Xero invoices");
        var readings = await admin.Billing.ListBillingReadingsAsync(
            new ListBillingReadingsRequest { Period = period, PageSize = 200 }, admin.Headers, Deadlines());
        readings.TotalCount.ShouldBeGreaterThan(0, $"the billed month {period}");

        var scoped = Calls.With(channel,
            (await callers.CreateKeyAsync("partner scoped", "finance", Guid.Parse(ownClientId))).Key);
        (await scoped.Clients.ListClientsAsync(new ListClientsRequest(), scoped.Headers, Deadlines())).Clients
            .Select(client => client.ClientId).ShouldBe([ownClientId]);
        (await scoped.Subscriptions.ListSubscriptionsAsync(new ListSubscriptionsRequest { PageSize = 200 }, scoped.Headers,
            Deadlines())).Subscriptions.ShouldAllBe(subscription => subscription.ClientId == ownClientId);
        (await scoped.Clients.ListInvoicesAsync(new ListInvoicesRequest { PageSize = 200 }, scoped.Headers, Deadlines()))
            .Invoices.ShouldAllBe(invoice => invoice.ClientId == ownClientId);
        (await scoped.Billing.ListBillingReadingsAsync(new ListBillingReadingsRequest { Period = period, PageSize = 200 },
            scoped.Headers, Deadlines())).Readings.ShouldAllBe(reading => reading.ClientId == ownClientId);
        var elsewhere = await Should.ThrowAsync<RpcException>(scoped.Clients.GetClientSnapshotAsync(
            new GetClientSnapshotRequest { ClientId = otherClientId }, scoped.Headers, Deadlines()).ResponseAsync);
        elsewhere.StatusCode.ShouldBe(StatusCode.NotFound, "another client is as unknown to a scoped key as a missing one");

        var ingest = Calls.With(channel, (await callers.CreateKeyAsync("partner wrong role", "ingest")).Key);
        foreach (var call in EveryMethod(ingest, ownClientId, period))
        {
            (await Should.ThrowAsync<RpcException>(call)).StatusCode.ShouldBe(StatusCode.PermissionDenied);
        }
        var anonymous = Calls.With(channel, key: null);
        foreach (var call in EveryMethod(anonymous, ownClientId, period))
        {
            (await Should.ThrowAsync<RpcException>(call)).StatusCode.ShouldBe(StatusCode.Unauthenticated);
        }
    }

    [SystemFact]
    public async Task A_usage_stream_resumed_from_a_readings_token_yields_every_reading_exactly_once()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        using var session = await IngestSession.StartAsync(fixture.System, $"partner-{run}", $"partner-{run}-probe");
        // A minute of its own, months before the demo's readings (and within ingest's retention), so only this test's
        // readings are in the range.
        var from = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(-200)
            .AddMinutes(Random.Shared.Next(0, 24 * 60));
        var sent = Enumerable.Range(0, 120)
            .Select(i => new ReadingToSend($"partner-{run}-{i}", "e2e", $"partner-{run}-asset-{i % 3}",
                session.UnitTypeKey, i + 1, from.AddMilliseconds(i / 2 * 400)))
            .ToList();
        (await session.Client.SendHttpAsync(sent, IngestBody.JsonArray)).Accepted.ShouldBe(sent.Count);

        var callers = new GatewayCallers(fixture.System);
        using var channel = GrpcChannel.ForAddress(fixture.System.GatewayGrpc);
        var admin = Calls.With(channel, (await callers.CreateKeyAsync("partner stream", "read-only")).Key);
        var range = new StreamUsageReadingsRequest
        {
            From = Timestamp.FromDateTimeOffset(from),
            To = Timestamp.FromDateTimeOffset(from.AddMinutes(1)),
        };
        var whole = await Eventually.ReturnsAsync(() => ReadAsync(admin, range, stopAfter: int.MaxValue),
            streamed => streamed.Count == sent.Count, "every sent reading to be stored and streamed",
            TimeSpan.FromMinutes(2));
        whole.Select(reading => reading.ReadingId).ShouldBe(sent.Select(reading => reading.Id), ignoreOrder: true);

        // Pairs of readings share an instant: cutting between them is where a resume could lose or repeat one.
        var firstPart = await ReadAsync(admin, range, stopAfter: 61);
        var resumed = range.Clone();
        resumed.ResumeToken = firstPart[^1].ResumeToken;
        var rest = await ReadAsync(admin, resumed, stopAfter: int.MaxValue);
        firstPart.Concat(rest).Select(reading => reading.ReadingId)
            .ShouldBe(whole.Select(reading => reading.ReadingId), "the same readings in the same order, none twice");
    }

    [SystemFact]
    public async Task The_demos_billing_runs_and_finalized_months_are_watched_resumed_from_a_token_and_kept_to_a_scoped_keys_client()
    {
        await fixture.System.WaitForStateAsync("demo-seeder", KnownResourceStates.Finished, TimeSpan.FromMinutes(8));
        var callers = new GatewayCallers(fixture.System);
        using var channel = GrpcChannel.ForAddress(fixture.System.GatewayGrpc);
        var admin = Calls.With(channel, (await callers.CreateKeyAsync("partner watch", "read-only")).Key);

        // The seeder billed and finalized months: the projection announces them as it consumes metering's events.
        var billing = new WatchEventsRequest { EventTypes = { "billing-run-finished", "period-finalized" } };
        var watched = await WatchAsync(admin, billing, seen => seen.Any(Is("billing-run-finished"))
            && seen.Any(Is("period-finalized")));
        watched[0].ResumeToken.ShouldNotBeEmpty();
        var run = watched.First(Is("billing-run-finished"));
        run.ClientId.ShouldBeEmpty("a billing run concerns the whole organization");
        run.BillingRunFinished.Period.ShouldMatch(@"^\d{4}-\d{2}$");
        var resumed = billing.Clone();
        resumed.ResumeToken = watched[0].ResumeToken;
        (await WatchAsync(admin, resumed, seen => seen.Count == 1))[0].ShouldBe(watched[1], "the event after the token");

        var finalized = watched.First(Is("period-finalized"));
        var scoped = Calls.With(channel,
            (await callers.CreateKeyAsync("partner watch scoped", "read-only", Guid.Parse(finalized.ClientId))).Key);
        var own = await WatchAsync(scoped, new WatchEventsRequest(), seen => seen.Any(Is("period-finalized")));
        own.ShouldAllBe(ownEvent => ownEvent.ClientId == finalized.ClientId);
    }

    private static Func<WatchEvent, bool> Is(string type) => watched => watched.Type == type;

    /// <summary>Watches until <paramref name="enough"/> holds for the events received (two minutes at most).</summary>
    private static async Task<List<WatchEvent>> WatchAsync(Calls caller, WatchEventsRequest request,
        Func<List<WatchEvent>, bool> enough)
    {
        var watched = new List<WatchEvent>();
        using var watch = caller.Events.WatchEvents(request, caller.Headers, DateTime.UtcNow.AddMinutes(2));
        while (!enough(watched) && await watch.ResponseStream.MoveNext(CancellationToken.None))
        {
            watched.Add(watch.ResponseStream.Current);
        }
        return watched;
    }

    private static async Task<List<UsageReading>> ReadAsync(Calls caller, StreamUsageReadingsRequest request, int stopAfter)
    {
        var read = new List<UsageReading>();
        using var stream = caller.Billing.StreamUsageReadings(request, caller.Headers, Deadlines());
        while (read.Count < stopAfter && await stream.ResponseStream.MoveNext(CancellationToken.None))
        {
            read.Add(stream.ResponseStream.Current);
        }
        return read;
    }

    /// <summary>One call of every partner method, each awaiting its answer.</summary>
    private static IEnumerable<Func<Task>> EveryMethod(Calls caller, string clientId, string period) =>
    [
        () => caller.Clients.ListClientsAsync(new ListClientsRequest(), caller.Headers, Deadlines()).ResponseAsync,
        () => caller.Clients.GetClientSnapshotAsync(new GetClientSnapshotRequest { ClientId = clientId }, caller.Headers,
            Deadlines()).ResponseAsync,
        () => caller.Clients.ListInvoicesAsync(new ListInvoicesRequest(), caller.Headers, Deadlines()).ResponseAsync,
        () => caller.Subscriptions.ListSubscriptionsAsync(new ListSubscriptionsRequest(), caller.Headers, Deadlines())
            .ResponseAsync,
        () => caller.Billing.ListBillingReadingsAsync(new ListBillingReadingsRequest { Period = period }, caller.Headers,
            Deadlines()).ResponseAsync,
        () => ReadAsync(caller, new StreamUsageReadingsRequest
        {
            From = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddHours(-1)),
            To = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
        }, stopAfter: 1),
        () => WatchAsync(caller, new WatchEventsRequest(), seen => seen.Count == 1),
    ];

    private static DateTime Deadlines() => DateTime.UtcNow.Add(Deadline);

    /// <summary>The four partner services' clients on one channel, with a caller's credentials.</summary>
    private sealed record Calls(PartnerClients.PartnerClientsClient Clients,
        PartnerSubscriptions.PartnerSubscriptionsClient Subscriptions, PartnerBilling.PartnerBillingClient Billing,
        PartnerEvents.PartnerEventsClient Events, Metadata Headers)
    {
        public static Calls With(GrpcChannel channel, string? key) => new(new(channel), new(channel), new(channel),
            new(channel), key is null ? [] : new Metadata { { "authorization", $"Bearer {key}" } });
    }
}
