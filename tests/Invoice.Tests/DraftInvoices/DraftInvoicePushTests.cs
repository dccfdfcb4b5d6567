using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BillingOne.Contracts.Events;
using BillingOne.Invoice.Domain;
using BillingOne.Invoice.Tests.Support;
using BillingOne.Testing;
using Dapper;
using MassTransit;
using Npgsql;

namespace BillingOne.Invoice.Tests.DraftInvoices;

/// <summary>
/// A finalized month becomes one DRAFT invoice per client in Xero, with a line per bucket on the mapped account: once,
/// whether the event is redelivered or replayed, and with the same idempotency key when a push cut short (a crash, a
/// restart) is claimed again after its lease.
/// What cannot be pushed waits with its reason.
/// </summary>
[Trait("Category", "Integration")]
public sealed class DraftInvoicePushTests(InvoiceServiceFixture fixture) : IClassFixture<InvoiceServiceFixture>
{
    private const string Drafts = "/api/invoice/draft-invoices";

    [Fact]
    public async Task A_finalized_month_is_pushed_once_across_redelivery_replay_and_a_push_cut_short()
    {
        var (orgId, http, tenantId, clientId, contactId) = await ConnectedOrganizationAsync("push");
        (await http.PutAsJsonAsync("/api/invoice/account-mappings/backup-gb", new { accountCode = "4100", taxType = "OUTPUT" }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        var invoiceId = Guid.NewGuid();
        fixture.Xero.GivenDraftInvoiceCreated(tenantId, invoiceId, "INV-0042");
        var billing = Billing(orgId, clientId);

        var messageId = await PublishAsync(billing);
        var draft = await PushedAsync(http, "2026-01");

        (draft.GetProperty("status").GetString(), draft.GetProperty("vendorInvoiceNumber").GetString(),
            draft.GetProperty("vendorInvoiceId").GetString(), draft.GetProperty("total").GetDecimal(),
            draft.GetProperty("lines").GetInt32())
            .ShouldBe((DraftInvoiceStatuses.Pushed, "INV-0042", invoiceId.ToString(), 653.00m, 3));
        var put = fixture.Xero.Requests(XeroStub.InvoicesPath, tenantId).Where(entry => entry.RequestMessage.Method == "PUT").ShouldHaveSingleItem();
        var key = put.RequestMessage.Headers!["Idempotency-Key"].ShouldHaveSingleItem();
        key.ShouldBe(DraftInvoicePlan.IdempotencyKeyOf(orgId, clientId, 2026, 1, "AUD"));
        var sent = JsonDocument.Parse(put.RequestMessage.Body!).RootElement.GetProperty("Invoices")[0];
        (sent.GetProperty("Type").GetString(), sent.GetProperty("Status").GetString(), sent.GetProperty("Reference").GetString(),
            sent.GetProperty("CurrencyCode").GetString(), sent.GetProperty("Contact").GetProperty("ContactID").GetGuid())
            .ShouldBe(("ACCREC", "DRAFT", "BillingOne 2026-01", "AUD", contactId));
        sent.GetProperty("LineItems").EnumerateArray()
            .Select(line => (line.GetProperty("UnitAmount").GetDecimal(), Optional(line, "AccountCode"), Optional(line, "TaxType")))
            .ShouldBe([(593.00m, "4100", "OUTPUT"), (60.00m, "4100", "OUTPUT"), (0.00m, null, null)],
                "an unmapped billing type sends neither, so Xero applies its defaults");
        sent.GetProperty("LineItems")[0].GetProperty("Description").GetString()
            .ShouldBe("Backup — January 2026: 115.5 used of 100 committed; base 500.00 + overage 93.00");

        // The same delivery again, and the same month announced by another message: still one push.
        await fixture.Bus.Publish(billing, context => context.MessageId = messageId);
        await fixture.Consumed.WaitUntilHandledAsync(messageId, times: 2);
        await PublishAsync(billing);
        (await ListAsync(http, "2026-01")).ShouldHaveSingleItem();
        PutsTo(tenantId).ShouldBe(1);

        // A push cut short after Xero created the invoice (the process died before marking it): its lease runs out and
        // the next attempt sends the same key, which Xero answers with the invoice it created.
        await using (var connection = new NpgsqlConnection(fixture.DatabaseConnectionString))
        {
            await connection.ExecuteAsync("""
                UPDATE draft_invoices SET status = 'pending', vendor = NULL, vendor_invoice_id = NULL,
                    vendor_invoice_number = NULL, vendor_url = NULL, pushed_at = NULL, next_attempt_at = now()
                WHERE org_id = @orgId
                """, new { orgId });
        }
        (await PushedAsync(http, "2026-01")).GetProperty("vendorInvoiceId").GetString().ShouldBe(invoiceId.ToString());
        PutsTo(tenantId).ShouldBe(2);
        fixture.Xero.Requests(XeroStub.InvoicesPath, tenantId).Where(entry => entry.RequestMessage.Method == "PUT")
            .Select(entry => entry.RequestMessage.Headers!["Idempotency-Key"].Single()).Distinct().ShouldBe([key]);
    }

    [Fact]
    public async Task A_client_without_a_Xero_contact_waits_for_a_mapping_and_is_pushed_once_it_has_one()
    {
        var (orgId, http, tenantId, _, contactId) = await ConnectedOrganizationAsync("unmapped");
        fixture.Xero.GivenDraftInvoiceCreated(tenantId, Guid.NewGuid(), "INV-0100");
        var unmappedClient = Guid.NewGuid();

        await PublishAsync(Billing(orgId, unmappedClient));
        var waiting = await Eventually.ReturnsAsync(async () => (await ListAsync(http, "2026-01")).SingleOrDefault(),
            draft => draft.ValueKind == JsonValueKind.Object && draft.GetProperty("status").GetString() != DraftInvoiceStatuses.Pending,
            "the outcome of the draft's first attempt");
        waiting.GetProperty("status").GetString().ShouldBe(DraftInvoiceStatuses.NeedsMapping);
        waiting.GetProperty("lastError").GetString()!.ShouldContain("no Xero contact");
        PutsTo(tenantId).ShouldBe(0);

        await MapAsync(orgId, contactId, unmappedClient);
        (await http.PostAsync($"{Drafts}/{waiting.GetProperty("id").GetGuid()}/retry", null)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await PushedAsync(http, "2026-01")).GetProperty("vendorInvoiceNumber").GetString().ShouldBe("INV-0100");
        (await http.PostAsync($"{Drafts}/{waiting.GetProperty("id").GetGuid()}/retry", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await using var connection = new NpgsqlConnection(fixture.DatabaseConnectionString);
        (await connection.QueryAsync<(string, string, string)>("""
            SELECT action, record_id, old_values ->> 'status' FROM audit_log WHERE org_id = @orgId AND table_name = 'draft_invoices'
            """, new { orgId })).ShouldBe([("retry", waiting.GetProperty("id").GetString()!, DraftInvoiceStatuses.NeedsMapping)]);
    }

    [Fact]
    public async Task An_invoice_Xero_refuses_fails_with_Xeros_reason_and_a_disconnected_organization_waits_for_Xero()
    {
        var (orgId, http, tenantId, clientId, _) = await ConnectedOrganizationAsync("refused");
        fixture.Xero.GivenDraftInvoiceRefused(tenantId, "Account code '4100' is not a valid code for this document.");
        await PublishAsync(Billing(orgId, clientId));
        var failed = await Eventually.ReturnsAsync(async () => (await ListAsync(http, "2026-01")).SingleOrDefault(),
            draft => draft.ValueKind == JsonValueKind.Object && draft.GetProperty("status").GetString() == DraftInvoiceStatuses.Failed,
            "the refused draft to fail");
        failed.GetProperty("lastError").GetString()!.ShouldContain("Account code '4100' is not a valid code");

        var lonely = Guid.NewGuid();
        using var notConnected = fixture.ClientFor(lonely);
        await PublishAsync(Billing(lonely, Guid.NewGuid()));
        var waiting = await Eventually.ReturnsAsync(async () => (await ListAsync(notConnected, "2026-01")).SingleOrDefault(),
            draft => draft.ValueKind == JsonValueKind.Object && draft.GetProperty("status").GetString() != DraftInvoiceStatuses.Pending,
            "the outcome of the draft's first attempt");
        waiting.GetProperty("status").GetString().ShouldBe(DraftInvoiceStatuses.WaitingForXero);

        var refused = await notConnected.GetAsync($"{Drafts}?period=January&status=lost");
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").EnumerateObject().Select(error => error.Name).ShouldBe(["period", "status"], ignoreOrder: true);
    }

    private async Task<(Guid OrgId, HttpClient Http, Guid TenantId, Guid ClientId, Guid ContactId)> ConnectedOrganizationAsync(string name)
    {
        var orgId = Guid.NewGuid();
        var http = fixture.ClientFor(orgId);
        var tenantId = Guid.NewGuid();
        await fixture.ConnectAsync(http, name, tenantId);
        var clientId = Guid.NewGuid();
        var contactId = Guid.NewGuid();
        await MapAsync(orgId, contactId, clientId);
        return (orgId, http, tenantId, clientId, contactId);
    }

    private async Task MapAsync(Guid orgId, Guid contactId, Guid clientId) =>
        await fixture.Consumed.WaitUntilHandledAsync(await PublishAsync(
            new ClientMappingChanged(orgId, "xero", contactId.ToString(), clientId, "manual", DateTimeOffset.UtcNow)));

    private async Task<Guid> PublishAsync<T>(T message) where T : class
    {
        var id = NewId.NextGuid();
        await fixture.Bus.Publish(message, context => context.MessageId = id);
        await fixture.Consumed.WaitUntilHandledAsync(id);
        return id;
    }

    private int PutsTo(Guid tenantId) =>
        fixture.Xero.Requests(XeroStub.InvoicesPath, tenantId).Count(entry => entry.RequestMessage.Method == "PUT");

    private static Task<JsonElement> PushedAsync(HttpClient http, string period) => Eventually.ReturnsAsync(
        async () => (await ListAsync(http, period)).SingleOrDefault(),
        draft => draft.ValueKind == JsonValueKind.Object && draft.GetProperty("status").GetString() == DraftInvoiceStatuses.Pushed,
        "the draft invoice to be pushed");

    private static async Task<List<JsonElement>> ListAsync(HttpClient http, string period)
    {
        var page = await http.GetFromJsonAsync<JsonElement>($"{Drafts}?period={period}");
        return [.. page.GetProperty("items").EnumerateArray()];
    }

    /// <summary>January 2026 as metering finalizes it: a bucket over its commit, an adjustment, and an idle bucket.</summary>
    private static ClientBillingFinalized Billing(Guid orgId, Guid clientId) => new(orgId, clientId, 2026, 1, "AUD",
        new DateTimeOffset(2026, 2, 4, 0, 0, 0, TimeSpan.Zero), 653.00m,
        [
            new(Guid.NewGuid(), "Backup", "backup-gb", "reading", 115.5m, 100m, 500.00m, 93.00m, 593.00m, null, null),
            new(Guid.NewGuid(), "Backup", "backup-gb", "adjustment", 10m, 100m, 0.00m, 60.00m, 60.00m, 2025, 12),
            new(Guid.NewGuid(), "Devices", "device", "reading", 0m, 0m, 0.00m, 0.00m, 0.00m, null, null),
        ]);

    private static string? Optional(JsonElement line, string name) =>
        line.TryGetProperty(name, out var value) ? value.GetString() : null;
}
