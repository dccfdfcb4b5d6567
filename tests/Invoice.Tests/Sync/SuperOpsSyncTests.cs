using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BillingOne.BuildingBlocks.Integrations;
using BillingOne.Contracts.Events;
using BillingOne.Invoice.Tests.Support;
using Dapper;
using MassTransit;
using Npgsql;

namespace BillingOne.Invoice.Tests.Sync;

/// <summary>
/// SuperOps syncs against a stand-in SuperOps: paging, statuses, the accounts snapshot, refused items, a refused token,
/// an unusable answer and a second full read. Each test is its own organization with its own subdomain.
/// </summary>
[Trait("Category", "Integration")]
public sealed class SuperOpsSyncTests(InvoiceServiceFixture fixture) : IClassFixture<InvoiceServiceFixture>
{
    private const string Invoices = "/api/invoice/invoices?source=superops&pageSize=200";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private SuperOpsStub SuperOps => fixture.SuperOps;

    [Fact]
    public async Task A_two_page_sync_stores_invoices_with_lines_shows_their_statuses_and_snapshots_the_accounts()
    {
        var (orgId, subDomain, http) = await ConfiguredAsync("paging");
        SuperOps.GivenClientsPage(subDomain, 1, hasMore: true, SuperOpsStub.Client("a1", "Harbourside Dental"));
        SuperOps.GivenClientsPage(subDomain, 2, hasMore: false, SuperOpsStub.Client("a2", "Northwind Legal"));
        SuperOps.GivenInvoicesPage(subDomain, 1, hasMore: true,
            SuperOpsStub.Invoice("i1", "a1", "Harbourside Dental", "DRAFT", 100m, Today.AddDays(10)),
            SuperOpsStub.Invoice("i2", "a1", "Harbourside Dental", "APPROVED", 200m, Today.AddDays(10)),
            SuperOpsStub.Invoice("i3", "a2", "Northwind Legal", "APPROVED", 300m, Today.AddDays(-3)));
        SuperOps.GivenInvoicesPage(subDomain, 2, hasMore: false,
            SuperOpsStub.Invoice("i4", "a2", "Northwind Legal", "PAID", 400m, Today.AddDays(-20)),
            SuperOpsStub.Invoice("i5", "a2", "Northwind Legal", "OVERDUE", 500m, Today.AddDays(-1)));

        var run = await fixture.SyncAsync(http, "superops");

        run.Status.ShouldBe(SyncRunStatus.Completed, run.Error);
        run.Breakdown["contacts"].ShouldBe(new SyncCounts(2, 0, 0));
        run.Breakdown["invoices"].ShouldBe(new SyncCounts(5, 0, 0));
        run.Skipped.ShouldBeEmpty();
        var page = await http.GetFromJsonAsync<JsonElement>(Invoices);
        page.GetProperty("totalCount").GetInt32().ShouldBe(5);
        var byNumber = page.GetProperty("items").EnumerateArray()
            .ToDictionary(item => item.GetProperty("number").GetString()!, item => item);
        byNumber.ToDictionary(pair => pair.Key, pair => pair.Value.GetProperty("status").GetString()).ShouldBe(
            new Dictionary<string, string?>
            {
                ["SO-i1"] = "draft", ["SO-i2"] = "awaiting", ["SO-i3"] = "overdue", ["SO-i4"] = "paid", ["SO-i5"] = "overdue",
            }, ignoreOrder: true);
        byNumber["SO-i4"].GetProperty("amountPaid").GetDecimal().ShouldBe(400m);
        byNumber["SO-i4"].GetProperty("amountDue").GetDecimal().ShouldBe(0m);
        byNumber["SO-i2"].GetProperty("amountDue").GetDecimal().ShouldBe(200m);
        byNumber["SO-i2"].GetProperty("amountPaid").GetDecimal().ShouldBe(0m);
        var detail = await http.GetFromJsonAsync<JsonElement>(
            $"/api/invoice/invoices/{byNumber["SO-i2"].GetProperty("id").GetGuid()}");
        var line = detail.GetProperty("lines").EnumerateArray().ShouldHaveSingleItem();
        line.GetProperty("description").GetString().ShouldBe("Managed Workstation");
        line.GetProperty("lineAmount").GetDecimal().ShouldBe(200m);

        await using var database = new NpgsqlConnection(fixture.DatabaseConnectionString);
        var snapshot = JsonSerializer.Deserialize<VendorAccountsSnapshotted>((await database.QueryAsync<string>("""
            SELECT payload::text FROM outbox_messages WHERE message_type LIKE '%VendorAccountsSnapshotted%' AND payload->>'orgId' = @org
            """, new { org = orgId.ToString() })).ShouldHaveSingleItem(), Json)!;
        snapshot.Vendor.ShouldBe("superops");
        snapshot.SyncRunId.ShouldBe(run.Id);
        snapshot.Accounts.ShouldBe([new VendorAccount("a1", "Harbourside Dental"), new VendorAccount("a2", "Northwind Legal")]);
    }

    [Fact]
    public async Task A_refused_item_is_named_in_the_runs_skipped_list_and_the_rest_applied()
    {
        var (_, subDomain, http) = await ConfiguredAsync("refused-item");
        SuperOps.GivenClientsPage(subDomain, 1, hasMore: false, SuperOpsStub.Client("a1", "Harbourside Dental"));
        var noClient = SuperOpsStub.Invoice("i2", "a1", "Harbourside Dental", "APPROVED", 50m, Today);
        noClient.Remove("client");
        SuperOps.GivenInvoicesPage(subDomain, 1, hasMore: false,
            SuperOpsStub.Invoice("i1", "a1", "Harbourside Dental", "APPROVED", 50m, Today), noClient);

        var run = await fixture.SyncAsync(http, "superops");

        run.Status.ShouldBe(SyncRunStatus.Completed, run.Error);
        run.Breakdown["invoices"].ShouldBe(new SyncCounts(1, 0, 0));
        var skipped = run.Skipped.ShouldHaveSingleItem();
        skipped.What.ShouldBe("getInvoiceList page 1 item 2");
        skipped.Reason.ShouldBe("invoice i2: client.accountId is missing");
    }

    [Fact]
    public async Task An_invoice_with_a_status_superops_does_not_document_is_skipped_by_name_and_the_rest_stored()
    {
        var (_, subDomain, http) = await ConfiguredAsync("unknown-status");
        SuperOps.GivenClientsPage(subDomain, 1, hasMore: false, SuperOpsStub.Client("a1", "Harbourside Dental"));
        SuperOps.GivenInvoicesPage(subDomain, 1, hasMore: false,
            SuperOpsStub.Invoice("i1", "a1", "Harbourside Dental", "VOID", 50m, Today),
            SuperOpsStub.Invoice("i2", "a1", "Harbourside Dental", "SENT", 60m, Today),
            SuperOpsStub.Invoice("i3", "a1", "Harbourside Dental", "APPROVED", 70m, Today));

        var run = await fixture.SyncAsync(http, "superops");

        run.Status.ShouldBe(SyncRunStatus.Completed, run.Error);
        run.Breakdown["invoices"].ShouldBe(new SyncCounts(2, 0, 0));
        var skipped = run.Skipped.ShouldHaveSingleItem();
        skipped.What.ShouldBe("getInvoiceList page 1 item 2");
        skipped.Reason.ShouldBe("invoice i2: statusEnum is 'SENT', expected one of DRAFT, APPROVED, PAID, OVERDUE, VOID");
        var items = (await http.GetFromJsonAsync<JsonElement>(Invoices)).GetProperty("items").EnumerateArray().ToList();
        items.Single(item => item.GetProperty("number").GetString() == "SO-i1").GetProperty("status").GetString().ShouldBe("voided");
        items.ShouldAllBe(item => item.GetProperty("currency").GetString() == "USD");
    }

    [Fact]
    public async Task Invoices_take_the_currency_saved_with_the_integration_as_superops_sends_none()
    {
        var (_, subDomain, http) = await ConfiguredAsync("currency", currency: "AUD");
        SuperOps.GivenClientsPage(subDomain, 1, hasMore: false, SuperOpsStub.Client("a1", "Harbourside Dental"));
        SuperOps.GivenInvoicesPage(subDomain, 1, hasMore: false,
            SuperOpsStub.Invoice("i1", "a1", "Harbourside Dental", "APPROVED", 50m, Today));

        var run = await fixture.SyncAsync(http, "superops");

        run.Status.ShouldBe(SyncRunStatus.Completed, run.Error);
        (await http.GetFromJsonAsync<JsonElement>(Invoices)).GetProperty("items").EnumerateArray().ShouldHaveSingleItem()
            .GetProperty("currency").GetString().ShouldBe("AUD");
    }

    [Fact]
    public async Task The_connection_test_sends_the_invoice_query_so_a_schema_refusal_shows_as_not_connected()
    {
        var (_, subDomain, http) = await ConfiguredAsync("connection-test");
        SuperOps.GivenClientsPage(subDomain, 1, hasMore: false, SuperOpsStub.Client("a1", "Harbourside Dental"));
        SuperOps.GivenInvoicesPageErrors(subDomain, 1, "Field 'currency' in type 'Invoice' is undefined");

        using var refused = await http.PostAsJsonAsync("/api/invoice/integrations/superops/test", new { });
        var check = await refused.Content.ReadFromJsonAsync<JsonElement>();
        check.GetProperty("succeeded").GetBoolean().ShouldBeFalse();
        check.GetProperty("message").GetString()!.ShouldContain("Field 'currency' in type 'Invoice' is undefined");

        SuperOps.GivenInvoicesPage(subDomain, 1, hasMore: false,
            SuperOpsStub.Invoice("i1", "a1", "Harbourside Dental", "APPROVED", 50m, Today));
        using var answered = await http.PostAsJsonAsync("/api/invoice/integrations/superops/test", new { });
        check = await answered.Content.ReadFromJsonAsync<JsonElement>();
        check.GetProperty("succeeded").GetBoolean().ShouldBeTrue(check.GetProperty("message").GetString());
        SuperOps.Requests(subDomain).ShouldAllBe(request => request.RequestMessage.Body!.Contains("getInvoiceList"));
    }

    [Fact]
    public async Task A_refused_token_fails_the_run_saying_so()
    {
        var (_, subDomain, http) = await ConfiguredAsync("refused-token");
        SuperOps.GivenRefused(subDomain);

        var run = await fixture.SyncAsync(http, "superops");

        run.Status.ShouldBe(SyncRunStatus.Failed);
        run.Error.ShouldNotBeNull();
        run.Error.ShouldContain("SuperOps refused the API token or subdomain (401)");
        run.Error.ShouldContain("Check the API token and subdomain");
    }

    [Fact]
    public async Task An_unusable_answer_fails_the_run_naming_it_and_applies_nothing()
    {
        var (_, subDomain, http) = await ConfiguredAsync("unusable");
        SuperOps.GivenClientsPage(subDomain, 1, hasMore: false, SuperOpsStub.Client("a1", "Harbourside Dental"));
        SuperOps.GivenInvoicesPage(subDomain, 1, hasMore: true,
            SuperOpsStub.Invoice("i1", "a1", "Harbourside Dental", "APPROVED", 50m, Today));
        SuperOps.GivenInvoicesPageErrors(subDomain, 2, "resolver exploded");

        var run = await fixture.SyncAsync(http, "superops");

        run.Status.ShouldBe(SyncRunStatus.Failed);
        run.Error.ShouldNotBeNull();
        run.Error.ShouldContain("getInvoiceList page 2 answered GraphQL errors: INTERNAL: resolver exploded");
        (await http.GetFromJsonAsync<JsonElement>(Invoices)).GetProperty("totalCount").GetInt32()
            .ShouldBe(0, "the first page's invoice is not applied on its own");
    }

    [Fact]
    public async Task A_second_sync_counts_what_changed_instead_of_adding_everything_again()
    {
        var (_, subDomain, http) = await ConfiguredAsync("second");
        SuperOps.GivenClientsPage(subDomain, 1, hasMore: false, SuperOpsStub.Client("a1", "Harbourside Dental"));
        SuperOps.GivenInvoicesPage(subDomain, 1, hasMore: false,
            SuperOpsStub.Invoice("i1", "a1", "Harbourside Dental", "APPROVED", 50m, Today.AddDays(5)),
            SuperOpsStub.Invoice("i2", "a1", "Harbourside Dental", "APPROVED", 70m, Today.AddDays(5)));
        (await fixture.SyncAsync(http, "superops")).Status.ShouldBe(SyncRunStatus.Completed);
        SuperOps.GivenInvoicesPage(subDomain, 1, hasMore: false,
            SuperOpsStub.Invoice("i1", "a1", "Harbourside Dental", "PAID", 50m, Today.AddDays(5)),
            SuperOpsStub.Invoice("i2", "a1", "Harbourside Dental", "APPROVED", 70m, Today.AddDays(5)),
            SuperOpsStub.Invoice("i3", "a1", "Harbourside Dental", "DRAFT", 90m, Today.AddDays(5)));

        var second = await fixture.SyncAsync(http, "superops");

        second.Status.ShouldBe(SyncRunStatus.Completed, second.Error);
        second.Breakdown["contacts"].ShouldBe(new SyncCounts(0, 0, 0));
        second.Breakdown["invoices"].ShouldBe(new SyncCounts(1, 1, 0), "i3 is new, i1 was paid, i2 is as it was");
        var statuses = (await http.GetFromJsonAsync<JsonElement>(Invoices)).GetProperty("items").EnumerateArray()
            .Select(item => (item.GetProperty("number").GetString(), item.GetProperty("status").GetString())).ToList();
        statuses.ShouldBe([("SO-i1", "paid"), ("SO-i2", "awaiting"), ("SO-i3", "draft")], ignoreOrder: true);
    }

    [Fact]
    public async Task A_sync_announces_each_stored_or_changed_invoice_once_with_a_growing_version()
    {
        var (orgId, subDomain, http) = await ConfiguredAsync("announced", currency: "AUD");
        SuperOps.GivenClientsPage(subDomain, 1, hasMore: false, SuperOpsStub.Client("a1", "Harbourside Dental"));
        SuperOps.GivenInvoicesPage(subDomain, 1, hasMore: false,
            SuperOpsStub.Invoice("i1", "a1", "Harbourside Dental", "APPROVED", 50m, Today.AddDays(5)),
            SuperOpsStub.Invoice("i2", "a1", "Harbourside Dental", "APPROVED", 70m, Today.AddDays(5)));
        (await fixture.SyncAsync(http, "superops")).Status.ShouldBe(SyncRunStatus.Completed);
        SuperOps.GivenInvoicesPage(subDomain, 1, hasMore: false,
            SuperOpsStub.Invoice("i1", "a1", "Harbourside Dental", "PAID", 50m, Today.AddDays(5)),
            SuperOpsStub.Invoice("i2", "a1", "Harbourside Dental", "APPROVED", 70m, Today.AddDays(5)),
            SuperOpsStub.Invoice("i3", "a1", "Harbourside Dental", "DRAFT", 90m, Today.AddDays(5)));

        (await fixture.SyncAsync(http, "superops")).Status.ShouldBe(SyncRunStatus.Completed);

        var announced = await AnnouncedInvoicesAsync(orgId);
        announced.Select(invoice => (invoice.Number, invoice.Version, invoice.Status, invoice.Total)).ShouldBe(
        [
            ("SO-i1", 1L, "awaiting", 50m), ("SO-i2", 1L, "awaiting", 70m),
            ("SO-i1", 2L, "paid", 50m), ("SO-i3", 1L, "draft", 90m),
        ], ignoreOrder: true, "i2 did not change at the second sync");
        announced.ShouldAllBe(invoice => invoice.Source == "superops" && invoice.ClientId == null
            && invoice.ContactName == "Harbourside Dental" && invoice.Currency == "AUD");
        announced.Single(invoice => invoice.Number == "SO-i1" && invoice.Version == 2).AmountDue.ShouldBe(0m);
        announced.Select(invoice => invoice.InvoiceId).Distinct().Count().ShouldBe(3);
    }

    [Fact]
    public async Task Mapping_a_contact_announces_its_invoices_again_with_the_new_client()
    {
        var (orgId, subDomain, http) = await ConfiguredAsync("remapped");
        SuperOps.GivenClientsPage(subDomain, 1, hasMore: false,
            SuperOpsStub.Client("a1", "Harbourside Dental"), SuperOpsStub.Client("a2", "Northwind Legal"));
        SuperOps.GivenInvoicesPage(subDomain, 1, hasMore: false,
            SuperOpsStub.Invoice("i1", "a1", "Harbourside Dental", "APPROVED", 50m, Today.AddDays(5)),
            SuperOpsStub.Invoice("i2", "a1", "Harbourside Dental", "DRAFT", 70m, Today.AddDays(5)),
            SuperOpsStub.Invoice("i3", "a2", "Northwind Legal", "APPROVED", 90m, Today.AddDays(5)));
        (await fixture.SyncAsync(http, "superops")).Status.ShouldBe(SyncRunStatus.Completed);
        var clientId = Guid.NewGuid();
        var mappedAt = DateTimeOffset.UtcNow;

        await MappingChangedAsync(new ClientMappingChanged(orgId, "superops", "a1", clientId, "manual", mappedAt));
        await MappingChangedAsync(new ClientMappingChanged(orgId, "superops", "a1", clientId, "manual", mappedAt.AddMinutes(1)));
        await MappingChangedAsync(new ClientMappingChanged(orgId, "superops", "a1", null, null, mappedAt.AddMinutes(2)));

        var announced = await AnnouncedInvoicesAsync(orgId);
        announced.Select(invoice => (invoice.Number, invoice.Version, invoice.ClientId, invoice.Status)).ShouldBe(
        [
            ("SO-i1", 1L, null, "awaiting"), ("SO-i2", 1L, null, "draft"), ("SO-i3", 1L, null, "awaiting"),
            ("SO-i1", 2L, clientId, "awaiting"), ("SO-i2", 2L, clientId, "draft"),
            ("SO-i1", 3L, null, "awaiting"), ("SO-i2", 3L, null, "draft"),
        ], ignoreOrder: true, "the same client mapped again changes no invoice's client; a2's invoice is not a1's");
    }

    private async Task MappingChangedAsync(ClientMappingChanged change)
    {
        var messageId = Guid.NewGuid();
        await fixture.Bus.Publish(change, context => context.MessageId = messageId);
        await fixture.Consumed.WaitUntilHandledAsync(messageId);
    }

    private async Task<List<InvoiceUpserted>> AnnouncedInvoicesAsync(Guid orgId)
    {
        await using var database = new NpgsqlConnection(fixture.DatabaseConnectionString);
        return [.. (await database.QueryAsync<string>("""
            SELECT payload::text FROM outbox_messages WHERE message_type LIKE '%InvoiceUpserted%' AND payload->>'orgId' = @org
            """, new { org = orgId.ToString() })).Select(payload => JsonSerializer.Deserialize<InvoiceUpserted>(payload, Json)!)];
    }

    /// <summary>An organization of its own with its own SuperOps subdomain and token saved.</summary>
    private async Task<(Guid OrgId, string SubDomain, HttpClient Http)> ConfiguredAsync(string name, string? currency = null)
    {
        var orgId = Guid.NewGuid();
        var subDomain = $"{name}-{orgId:N}";
        var http = fixture.ClientFor(orgId);
        using var saved = await http.PutAsJsonAsync("/api/invoice/integrations/superops", new
        {
            enabled = true,
            values = currency is null
                ? new Dictionary<string, string> { ["subDomain"] = subDomain, ["apiToken"] = $"token-{name}" }
                : new Dictionary<string, string> { ["subDomain"] = subDomain, ["apiToken"] = $"token-{name}", ["currency"] = currency },
        });
        saved.StatusCode.ShouldBe(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        return (orgId, subDomain, http);
    }
}
