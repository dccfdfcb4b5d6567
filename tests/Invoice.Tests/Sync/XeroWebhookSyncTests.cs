using System.Net.Http.Json;
using System.Text.Json;
using BillingOne.BuildingBlocks.Integrations;
using BillingOne.Contracts.Events;
using BillingOne.Invoice.Tests.Support;
using BillingOne.Testing;
using MassTransit;

namespace BillingOne.Invoice.Tests.Sync;

/// <summary>
/// Xero's webhook, as ingestion's <c>VendorChangeNotified</c>, queues one webhook-triggered run scoped to the named
/// invoices, which reads only those by id and leaves the rest (and the incremental watermark) as they were.
/// </summary>
[Trait("Category", "Integration")]
public sealed class XeroWebhookSyncTests(InvoiceServiceFixture fixture) : IClassFixture<InvoiceServiceFixture>
{
    private static readonly DateOnly Issued = new(2026, 11, 1);

    private XeroStub Xero => fixture.Xero;

    [Fact]
    public async Task A_notification_delivered_twice_queues_one_scoped_run_that_reads_only_the_named_invoices()
    {
        var orgId = Guid.NewGuid();
        var tenant = Guid.NewGuid();
        using var http = fixture.ClientFor(orgId);
        await fixture.ConnectAsync(http, "webhook", tenant);
        var contact = Guid.NewGuid();
        Xero.GivenContactsPage(tenant, 1, XeroStub.Contact(contact, "webhook contact"));
        var ids = Enumerable.Range(0, 3).Select(_ => Guid.NewGuid()).ToList();
        Xero.GivenInvoicesPage(tenant, 1, [.. ids.Select((id, index) => Invoice(id, index, contact, amountPaid: 0))]);
        Xero.GivenInvoicesPage(tenant, 2);
        (await fixture.SyncAsync(http)).Status.ShouldBe(SyncRunStatus.Completed);
        var readBefore = Xero.TenantPaths(tenant).Count;
        // Xero: the first two were paid in part since; the webhook names just them.
        Xero.GivenInvoice(tenant, ids[0], Invoice(ids[0], 0, contact, amountPaid: 40m));
        Xero.GivenInvoice(tenant, ids[1], Invoice(ids[1], 1, contact, amountPaid: 60m));
        var notified = new VendorChangeNotified(orgId, "xero", Guid.NewGuid(), DateTimeOffset.UtcNow,
        [
            new VendorChange("invoice", ids[0].ToString(), "update"),
            new VendorChange("invoice", ids[1].ToString(), "update"),
        ]);
        var messageId = NewId.NextGuid();

        await fixture.Bus.Publish(notified, context => context.MessageId = messageId);
        await fixture.Bus.Publish(notified, context => context.MessageId = messageId);
        await fixture.Consumed.WaitUntilHandledAsync(messageId, times: 2);

        var webhookRuns = (await http.GetFromJsonAsync<SyncRunsPage>("/api/invoice/integrations/xero/sync-runs"))!
            .Items.Where(run => run.Trigger == SyncTriggers.WebhookTriggered).ToList();
        var queued = webhookRuns.ShouldHaveSingleItem("the same message redelivered queues one run");
        queued.Scope!.Resources.ShouldBe([
            new SyncScopeItem("invoice", ids[0].ToString()),
            new SyncScopeItem("invoice", ids[1].ToString()),
        ]);
        var run = await Eventually.ReturnsAsync(
            async () => (await http.GetFromJsonAsync<SyncRunResponse>($"/api/invoice/integrations/sync-runs/{queued.Id}"))!,
            finished => finished.Status is SyncRunStatus.Completed or SyncRunStatus.Failed, "the webhook run to finish");
        run.Status.ShouldBe(SyncRunStatus.Completed, run.Error);
        run.Breakdown["invoices"].ShouldBe(new SyncCounts(0, 2, 0));
        Xero.TenantPaths(tenant).Skip(readBefore).ShouldBe(
            [$"{XeroStub.InvoicesPath}/{ids[0]}", $"{XeroStub.InvoicesPath}/{ids[1]}"], ignoreOrder: true);
        var listed = (await http.GetFromJsonAsync<JsonElement>("/api/invoice/invoices?source=xero&pageSize=200"))
            .GetProperty("items").EnumerateArray()
            .ToDictionary(item => item.GetProperty("number").GetString()!, item => item.GetProperty("amountPaid").GetDecimal());
        listed.ShouldBe(new Dictionary<string, decimal> { ["WH-0"] = 40m, ["WH-1"] = 60m, ["WH-2"] = 0m }, ignoreOrder: true);
    }

    [Fact]
    public async Task An_invoice_Xero_does_not_know_is_named_in_skipped_and_left_as_it_is()
    {
        var orgId = Guid.NewGuid();
        var tenant = Guid.NewGuid();
        using var http = fixture.ClientFor(orgId);
        await fixture.ConnectAsync(http, "webhook-gone", tenant);
        var missing = Guid.NewGuid();
        var messageId = NewId.NextGuid();

        await fixture.Bus.Publish(new VendorChangeNotified(orgId, "xero", Guid.NewGuid(), DateTimeOffset.UtcNow,
            [new VendorChange("invoice", missing.ToString(), "delete")]), context => context.MessageId = messageId);
        await fixture.Consumed.WaitUntilHandledAsync(messageId);

        var queued = (await http.GetFromJsonAsync<SyncRunsPage>("/api/invoice/integrations/xero/sync-runs"))!
            .Items.ShouldHaveSingleItem();
        var run = await Eventually.ReturnsAsync(
            async () => (await http.GetFromJsonAsync<SyncRunResponse>($"/api/invoice/integrations/sync-runs/{queued.Id}"))!,
            finished => finished.Status is SyncRunStatus.Completed or SyncRunStatus.Failed, "the webhook run to finish");
        run.Status.ShouldBe(SyncRunStatus.Completed, run.Error);
        run.Skipped.ShouldHaveSingleItem().What.ShouldBe($"invoice {missing}");
    }

    private static Dictionary<string, object?> Invoice(Guid id, int number, Guid contactId, decimal amountPaid) =>
        XeroStub.Invoice(id, $"WH-{number}", contactId, "webhook contact", "AUTHORISED", Issued, Issued.AddDays(30),
            amountPaid, lines: [100m]);

    /// <summary>The sync-runs list as the API answers it, the items only.</summary>
    private sealed record SyncRunsPage(List<SyncRunResponse> Items);
}
