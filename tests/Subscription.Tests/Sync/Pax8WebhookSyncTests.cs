using System.Net.Http.Json;
using BillingOne.BuildingBlocks.Integrations;
using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.Contracts.Events;
using BillingOne.Subscription.Tests.Connectors;
using Dapper;
using MassTransit;
using Npgsql;

namespace BillingOne.Subscription.Tests.Sync;

/// <summary>
/// Pax8's webhook, as ingestion announces it: a <see cref="VendorChangeNotified"/> naming subscriptions queues one
/// webhook-triggered run scoped to them, which re-reads only those and leaves the rest as the last full sync stored it;
/// one naming the account (Pax8 did not say which records) queues a full run.
/// </summary>
[Trait("Category", "Integration")]
[TestCaseOrderer("BillingOne.Subscription.Tests.Sync.DeclarationOrderer", "BillingOne.Subscription.Tests")]
public sealed class Pax8WebhookSyncTests(Pax8SyncFixture fixture) : IClassFixture<Pax8SyncFixture>
{
    private const string SyncRuns = "/api/subscription/integrations/pax8/sync-runs";
    private static readonly Guid OrgId = OrganizationContextExtensions.DemoOrganizationId;
    private Pax8World World => fixture.World;

    [Fact, Order(1)]
    public async Task A_notification_of_two_subscriptions_re_reads_only_those_once_however_often_it_is_delivered()
    {
        World.Companies.Add(Pax8World.Company(1, "Harbourside Dental Pty Ltd"));
        World.Products.Add(Pax8World.Product(1, "Microsoft 365 Business Premium", "User", 33.00m));
        for (var number = 1; number <= 4; number++)
        {
            World.Subscriptions.Add(Pax8World.Subscription(number, 1, 1, quantity: 10, price: 33.00m));
        }
        World.Serve();
        (await fixture.SyncAsync()).Status.ShouldBe(SyncRunStatus.Completed);

        // Pax8 changes three subscriptions and deletes the fourth, but notifies only of the first and the fourth.
        foreach (var number in new[] { 0, 1, 2 })
        {
            World.Subscriptions[number]["quantity"] = 25;
        }
        World.Subscriptions.RemoveAt(3);
        World.Serve();
        var notified = new VendorChangeNotified(OrgId, "pax8", Guid.NewGuid(), DateTimeOffset.UtcNow,
        [
            new VendorChange("subscription", Pax8Stub.IdOf(1).ToString(), "update"),
            new VendorChange("subscription", Pax8Stub.IdOf(4).ToString(), "delete"),
        ]);
        var messageId = NewId.NextGuid();
        await fixture.Bus.Publish(notified, context => context.MessageId = messageId);
        await fixture.Bus.Publish(notified, context => context.MessageId = messageId);
        await fixture.Consumed.WaitUntilHandledAsync(messageId, times: 2);

        var webhookRuns = (await fixture.Client.GetFromJsonAsync<Page<SyncRunResponse>>(SyncRuns))!.Items
            .Where(run => run.Trigger == SyncTriggers.WebhookTriggered).ToList();
        var queued = webhookRuns.ShouldHaveSingleItem("the same message redelivered queues one run");
        queued.RequestedBy.ShouldBe("webhook");
        queued.Scope!.Resources.ShouldBe([
            new SyncScopeItem("subscription", Pax8Stub.IdOf(1).ToString()),
            new SyncScopeItem("subscription", Pax8Stub.IdOf(4).ToString()),
        ]);
        var run = await fixture.FinishedAsync(queued.Id);

        run.Status.ShouldBe(SyncRunStatus.Completed, run.Error);
        run.Breakdown["subscriptions"].ShouldBe(new SyncCounts(0, 1, 1));
        run.Breakdown.Keys.ShouldBe(["subscriptions"]);
        fixture.Stub.Server.LogEntries.Select(entry => entry.RequestMessage.Path)
            .Where(path => path != Pax8Stub.TokenPath)
            .ShouldBe([$"/v1/subscriptions/{Pax8Stub.IdOf(1)}", $"/v1/subscriptions/{Pax8Stub.IdOf(4)}"]);
        await using var connection = new NpgsqlConnection(fixture.DatabaseConnectionString);
        var stored = (await connection.QueryAsync<(Guid Id, int Quantity, bool Removed)>(
            "SELECT id, quantity, removed_at IS NOT NULL FROM pax8_subscriptions WHERE org_id = @OrgId ORDER BY id",
            new { OrgId })).ToList();
        stored.ShouldBe([
            (Pax8Stub.IdOf(1), 25, false),
            (Pax8Stub.IdOf(2), 10, false),
            (Pax8Stub.IdOf(3), 10, false),
            (Pax8Stub.IdOf(4), 10, true),
        ]);
    }

    [Fact, Order(2)]
    public async Task Notifications_of_other_vendors_or_other_pax8_records_queue_nothing()
    {
        var before = (await fixture.Client.GetFromJsonAsync<Page<SyncRunResponse>>(SyncRuns))!.TotalCount;

        await fixture.Consumed.WaitUntilHandledAsync(await fixture.PublishAsync(new VendorChangeNotified(OrgId, "xero",
            Guid.NewGuid(), DateTimeOffset.UtcNow, [new VendorChange("invoice", "inv-1", "update")])));
        await fixture.Consumed.WaitUntilHandledAsync(await fixture.PublishAsync(new VendorChangeNotified(OrgId, "pax8",
            Guid.NewGuid(), DateTimeOffset.UtcNow, [new VendorChange("company", Pax8Stub.IdOf(1_000_001).ToString(), "update")])));

        (await fixture.Client.GetFromJsonAsync<Page<SyncRunResponse>>(SyncRuns))!.TotalCount.ShouldBe(before);
    }

    [Fact, Order(3)]
    public async Task A_notification_of_the_account_syncs_everything()
    {
        var notification = await fixture.PublishAsync(new VendorChangeNotified(OrgId, "pax8", Guid.NewGuid(),
            DateTimeOffset.UtcNow, [new VendorChange(Pax8Resources.Account, Guid.NewGuid().ToString(), "subscription_updated")]));
        await fixture.Consumed.WaitUntilHandledAsync(notification);

        var queued = (await fixture.Client.GetFromJsonAsync<Page<SyncRunResponse>>(SyncRuns))!.Items
            .Where(run => run.Trigger == SyncTriggers.WebhookTriggered).MaxBy(run => run.QueuedAt)!;
        queued.Scope.ShouldBeNull();
        var run = await fixture.FinishedAsync(queued.Id);

        run.Status.ShouldBe(SyncRunStatus.Completed, run.Error);
        run.Breakdown.Keys.ShouldBe(["companies", "products", "subscriptions"], ignoreOrder: true);
        // The two changes the earlier scoped notification did not name are read now.
        run.Breakdown["subscriptions"].ShouldBe(new SyncCounts(0, 2, 0));
        await using var connection = new NpgsqlConnection(fixture.DatabaseConnectionString);
        (await connection.QueryAsync<int>(
                "SELECT quantity FROM pax8_subscriptions WHERE org_id = @OrgId AND removed_at IS NULL ORDER BY id",
                new { OrgId }))
            .ShouldBe([25, 25, 25]);
    }
}
