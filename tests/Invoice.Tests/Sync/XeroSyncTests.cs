using System.Net.Http.Json;
using System.Text.Json;
using BillingOne.BuildingBlocks.Integrations;
using BillingOne.Contracts.Events;
using BillingOne.Invoice.Connectors.Xero;
using BillingOne.Invoice.Tests.Support;
using Dapper;
using Npgsql;

namespace BillingOne.Invoice.Tests.Sync;

/// <summary>
/// Xero syncs against a stand-in Xero: paging, Xero's minute and daily limits, token refresh with rotation, a revoked
/// authorization and malformed answers. Each test is its own organization with its own tenant and tokens.
/// </summary>
[Trait("Category", "Integration")]
public sealed class XeroSyncTests(InvoiceServiceFixture fixture) : IClassFixture<InvoiceServiceFixture>
{
    private const string Invoices = "/api/invoice/invoices";
    private static readonly DateOnly Issued = new(2026, 11, 1);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private XeroStub Xero => fixture.Xero;

    [Fact]
    public async Task A_first_sync_reads_every_page_stores_invoices_with_lines_and_snapshots_the_contacts()
    {
        var (orgId, tenant, http) = await ConnectedAsync("paging");
        var contacts = GivenContacts(tenant, 2);
        var invoices = GivenInvoices(tenant, contacts, 7);

        var run = await fixture.SyncAsync(http);

        run.Status.ShouldBe(SyncRunStatus.Completed, run.Error);
        run.Breakdown["contacts"].ShouldBe(new SyncCounts(2, 0, 0));
        run.Breakdown["invoices"].ShouldBe(new SyncCounts(7, 0, 0));
        run.Skipped.ShouldBeEmpty();
        Xero.Requests(XeroStub.InvoicesPath, tenant).Count.ShouldBe(3, "7 invoices in pages of 3 end with a short third page");
        Xero.Requests(XeroStub.InvoicesPath, tenant).ShouldAllBe(request =>
            !request.RequestMessage.Headers!.ContainsKey("If-Modified-Since"));

        var page = await http.GetFromJsonAsync<JsonElement>($"{Invoices}?pageSize=200");
        page.GetProperty("totalCount").GetInt32().ShouldBe(7);
        var detail = await http.GetFromJsonAsync<JsonElement>(
            $"{Invoices}/{page.GetProperty("items")[0].GetProperty("id").GetGuid()}");
        detail.GetProperty("lines").GetArrayLength().ShouldBe(2);
        detail.GetProperty("lines")[0].GetProperty("accountCode").GetString().ShouldBe("200");

        await using var database = new NpgsqlConnection(fixture.DatabaseConnectionString);
        var snapshot = JsonSerializer.Deserialize<VendorAccountsSnapshotted>((await database.QueryAsync<string>("""
            SELECT payload::text FROM outbox_messages WHERE message_type LIKE '%VendorAccountsSnapshotted%' AND payload->>'orgId' = @org
            """, new { org = orgId.ToString() })).ShouldHaveSingleItem(), Json)!;
        snapshot.Vendor.ShouldBe("xero");
        snapshot.SyncRunId.ShouldBe(run.Id);
        snapshot.Accounts.Select(account => account.Name).Order().ShouldBe(["paging contact 1", "paging contact 2"]);
        invoices.Count.ShouldBe(7);
    }

    [Fact]
    public async Task A_later_sync_asks_only_for_what_changed_since_the_last_complete_one_began()
    {
        var (_, tenant, http) = await ConnectedAsync("incremental");
        var contacts = GivenContacts(tenant, 1);
        GivenInvoices(tenant, contacts, 2);
        var first = await fixture.SyncAsync(http);
        first.Status.ShouldBe(SyncRunStatus.Completed, first.Error);

        var second = await fixture.SyncAsync(http);

        second.Status.ShouldBe(SyncRunStatus.Completed, second.Error);
        second.Breakdown["invoices"].ShouldBe(new SyncCounts(0, 0, 0), "nothing changed at Xero");
        var secondRead = Xero.Requests(XeroStub.InvoicesPath, tenant).Last();
        secondRead.RequestMessage.Headers!.ContainsKey("If-Modified-Since").ShouldBeTrue();
        DateTimeOffset.Parse(secondRead.RequestMessage.Headers["If-Modified-Since"].ToString()!, System.Globalization.CultureInfo.InvariantCulture)
            .ShouldBeLessThanOrEqualTo(first.StartedAt!.Value);
    }

    [Fact]
    public async Task The_minute_limit_is_waited_out_and_the_read_goes_on()
    {
        var (_, tenant, http) = await ConnectedAsync("minute");
        var contacts = GivenContacts(tenant, 1);
        var all = Enumerable.Range(1, 5).Select(number => NewInvoice("minute", number, contacts[0])).ToList();
        Xero.GivenInvoicesPage(tenant, 1, [.. all.Take(3)]);
        Xero.GivenInvoicesPageLimitedOnce(tenant, 2, "minute", 1, [.. all.Skip(3)]);

        var run = await fixture.SyncAsync(http);

        run.Status.ShouldBe(SyncRunStatus.Completed, run.Error);
        run.Breakdown["invoices"].ShouldBe(new SyncCounts(5, 0, 0));
        Xero.Requests(XeroStub.InvoicesPath, tenant).Count(request => request.RequestMessage.Query!["page"].Contains("2"))
            .ShouldBe(2, "page 2 was asked again after Retry-After");
    }

    [Fact]
    public async Task The_daily_limit_fails_the_run_visibly_keeps_what_was_read_and_the_next_sync_reads_the_rest()
    {
        var (_, tenant, http) = await ConnectedAsync("daily");
        var contacts = GivenContacts(tenant, 1);
        var all = Enumerable.Range(1, 5).Select(number => NewInvoice("daily", number, contacts[0])).ToList();
        Xero.GivenInvoicesPage(tenant, 1, [.. all.Take(3)]);
        Xero.GivenInvoicesPageLimitedOnce(tenant, 2, "day", 3600, [.. all.Skip(3)]);

        var limited = await fixture.SyncAsync(http);

        limited.Status.ShouldBe(SyncRunStatus.Failed);
        limited.Error.ShouldNotBeNull();
        limited.Error.ShouldContain("daily limit reached, resumes after");
        limited.Skipped.ShouldContain(skipped => skipped.Reason.Contains("daily limit reached"));
        Xero.Requests(XeroStub.InvoicesPath, tenant).Count(request => request.RequestMessage.Query!["page"].Contains("2"))
            .ShouldBe(1, "a daily refusal is not retried within the run");
        var kept = await http.GetFromJsonAsync<JsonElement>($"{Invoices}?pageSize=200");
        kept.GetProperty("totalCount").GetInt32().ShouldBe(3, "the page read before the limit is applied");

        var resumed = await fixture.SyncAsync(http);

        resumed.Status.ShouldBe(SyncRunStatus.Completed, resumed.Error);
        Xero.Requests(XeroStub.InvoicesPath, tenant).Last().RequestMessage.Headers!.ContainsKey("If-Modified-Since")
            .ShouldBeFalse("the watermark moves only after a complete read, so nothing is skipped");
        var all5 = await http.GetFromJsonAsync<JsonElement>($"{Invoices}?pageSize=200");
        all5.GetProperty("totalCount").GetInt32().ShouldBe(5);
        resumed.Breakdown["invoices"].ShouldBe(new SyncCounts(2, 0, 0));
    }

    [Fact]
    public async Task A_429_without_retry_after_is_backed_off_a_bounded_number_of_times_and_the_run_fails_naming_it()
    {
        var (_, tenant, http) = await ConnectedAsync("throttled");
        GivenContacts(tenant, 1);
        Xero.GivenInvoicesPageAlwaysLimited(tenant, 1);

        var run = await fixture.SyncAsync(http);

        run.Status.ShouldBe(SyncRunStatus.Failed);
        run.Error!.ShouldContain("429");
        Xero.Requests(XeroStub.InvoicesPath, tenant).Count.ShouldBe(new XeroConnectorOptions().MaxRetries + 1);
    }

    [Fact]
    public async Task An_access_token_refused_again_after_a_refresh_fails_the_run_saying_to_reconnect_without_looping()
    {
        var (_, tenant, http) = await ConnectedAsync("refused");
        Xero.GivenRefresh("refresh-refused", "access-refused-2", "refresh-refused-2");
        Xero.GivenEveryAccessTokenRefused(tenant);

        var run = await fixture.SyncAsync(http);

        run.Status.ShouldBe(SyncRunStatus.Failed);
        run.Error!.ShouldContain("Xero refused the access token (401). Connect Xero again");
        Xero.TenantPaths(tenant).Count.ShouldBe(2, "the first call, and once more with a refreshed token");
        Xero.TokenRequestBodies().Count(body => body.Contains("refresh_token=refresh-refused", StringComparison.Ordinal))
            .ShouldBe(1);
    }

    [Fact]
    public async Task An_empty_first_page_is_zero_invoices_and_ends_the_paging()
    {
        var (_, tenant, http) = await ConnectedAsync("empty");
        Xero.GivenContactsPage(tenant, 1);
        Xero.GivenInvoicesPage(tenant, 1);

        var run = await fixture.SyncAsync(http);

        run.Status.ShouldBe(SyncRunStatus.Completed, run.Error);
        run.Breakdown["invoices"].ShouldBe(new SyncCounts(0, 0, 0));
        Xero.Requests(XeroStub.InvoicesPath, tenant).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task An_expiring_access_token_is_refreshed_and_the_rotated_refresh_token_is_used_next_time()
    {
        // Tokens that live a minute are inside the refresh margin: every sync renews them first.
        var (orgId, tenant, http) = await ConnectedAsync("rotate", expiresIn: 60);
        Xero.GivenRefresh("refresh-rotate", "access-rotate-2", "refresh-rotate-2", expiresIn: 60);
        Xero.GivenRefresh("refresh-rotate-2", "access-rotate-3", "refresh-rotate-3", expiresIn: 1800);
        var contacts = GivenContacts(tenant, 1);
        GivenInvoices(tenant, contacts, 1);

        (await fixture.SyncAsync(http)).Status.ShouldBe(SyncRunStatus.Completed);
        var second = await fixture.SyncAsync(http);

        second.Status.ShouldBe(SyncRunStatus.Completed, second.Error);
        var refreshes = Xero.TokenRequestBodies().Where(body => body.Contains("refresh-rotate", StringComparison.Ordinal)).ToList();
        refreshes.Count.ShouldBe(2);
        refreshes[0].ShouldEndWith("refresh_token=refresh-rotate", Case.Sensitive);
        refreshes[1].ShouldContain("refresh_token=refresh-rotate-2", Case.Sensitive);
        Xero.Requests(XeroStub.InvoicesPath, tenant).Last().RequestMessage.Headers!["Authorization"].ToString()
            .ShouldBe("Bearer access-rotate-3");
        await using var database = new NpgsqlConnection(fixture.DatabaseConnectionString);
        (await database.QuerySingleAsync<string>("SELECT protected_tokens FROM xero_connections WHERE org_id = @orgId",
            new { orgId })).ShouldNotContain("refresh-rotate-3", Case.Sensitive);
    }

    [Fact]
    public async Task A_revoked_refresh_token_expires_the_connection_and_the_sync_says_to_reconnect()
    {
        var (_, tenant, http) = await ConnectedAsync("revoked", expiresIn: 60);
        Xero.GivenRefreshRefused("refresh-revoked");
        GivenContacts(tenant, 1);

        var run = await fixture.SyncAsync(http);

        run.Status.ShouldBe(SyncRunStatus.Failed);
        run.Error!.ShouldContain("invalid_grant");
        run.Error!.ShouldContain("Connect Xero again");
        var connection = await http.GetFromJsonAsync<JsonElement>("/api/invoice/xero/connection");
        connection.GetProperty("status").GetString().ShouldBe("expired");
        connection.GetProperty("error").GetString()!.ShouldContain("Connect Xero again");
        Xero.Requests(XeroStub.ContactsPath, tenant).ShouldBeEmpty();

        var again = await fixture.SyncAsync(http);
        again.Status.ShouldBe(SyncRunStatus.Failed);
        again.Error!.ShouldContain("Connect Xero again");
    }

    [Fact]
    public async Task Malformed_items_and_pages_are_skipped_with_their_reason_and_the_rest_is_stored()
    {
        var (_, tenant, http) = await ConnectedAsync("malformed");
        var contacts = GivenContacts(tenant, 1);
        var good = NewInvoice("malformed", 1, contacts[0]);
        var noId = NewInvoice("malformed", 2, contacts[0]);
        noId.Remove("InvoiceID");
        var badAmount = NewInvoice("malformed", 3, contacts[0]);
        badAmount["Total"] = "lots";
        Xero.GivenInvoicesPage(tenant, 1, good, noId, badAmount);
        Xero.GivenRawInvoicesPage(tenant, 2, "<html>Service unavailable</html>");
        Xero.GivenInvoicesPage(tenant, 3, NewInvoice("malformed", 4, contacts[0]));

        var run = await fixture.SyncAsync(http);

        run.Status.ShouldBe(SyncRunStatus.Completed, run.Error);
        run.Breakdown["invoices"].ShouldBe(new SyncCounts(2, 0, 0));
        run.Skipped.ShouldContain(skipped => skipped.What == "invoices page 1 item 1" && skipped.Reason.Contains("InvoiceID is missing"));
        run.Skipped.ShouldContain(skipped => skipped.What.StartsWith("invoices page 1 item 2", StringComparison.Ordinal)
            && skipped.Reason.Contains("Total"));
        run.Skipped.ShouldContain(skipped => skipped.What == "invoices page 2");
        var stored = await http.GetFromJsonAsync<JsonElement>($"{Invoices}?pageSize=200&sort=number");
        stored.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("number").GetString())
            .ShouldBe(["MALFORMED-1", "MALFORMED-4"]);

        await fixture.SyncAsync(http);
        Xero.Requests(XeroStub.InvoicesPath, tenant).Last().RequestMessage.Headers!.ContainsKey("If-Modified-Since")
            .ShouldBeFalse("a page left unread keeps the next sync reading everything");
    }

    private async Task<(Guid OrgId, Guid Tenant, HttpClient Http)> ConnectedAsync(string name, int expiresIn = 1800)
    {
        var orgId = Guid.NewGuid();
        var tenant = Guid.NewGuid();
        var http = fixture.ClientFor(orgId);
        prefixes[tenant] = name;
        await fixture.ConnectAsync(http, name, tenant, expiresIn);
        return (orgId, tenant, http);
    }

    private List<(Guid Id, string Name)> GivenContacts(Guid tenant, int count)
    {
        var contacts = Enumerable.Range(1, count).Select(number => (Guid.NewGuid(), $"{ContactPrefix(tenant)} contact {number}")).ToList();
        Xero.GivenContactsPage(tenant, 1, [.. contacts.Select(contact => XeroStub.Contact(contact.Item1, contact.Item2))]);
        return contacts;
    }

    private List<Dictionary<string, object?>> GivenInvoices(Guid tenant, List<(Guid Id, string Name)> contacts, int count)
    {
        var prefix = ContactPrefix(tenant);
        var invoices = Enumerable.Range(1, count).Select(number => NewInvoice(prefix, number, contacts[number % contacts.Count])).ToList();
        var pages = invoices.Chunk(InvoiceServiceFixture.PageSize).ToList();
        for (var page = 0; page < pages.Count; page++)
        {
            Xero.GivenInvoicesPage(tenant, page + 1, [.. pages[page]]);
        }
        if (count % InvoiceServiceFixture.PageSize == 0)
        {
            Xero.GivenInvoicesPage(tenant, pages.Count + 1);
        }
        return invoices;
    }

    private readonly Dictionary<Guid, string> prefixes = [];

    private string ContactPrefix(Guid tenant) => prefixes.GetValueOrDefault(tenant) ?? "tenant";

    private static Dictionary<string, object?> NewInvoice(string prefix, int number, (Guid Id, string Name) contact) =>
        XeroStub.Invoice(Guid.NewGuid(), $"{prefix.ToUpperInvariant()}-{number}", contact.Id, contact.Name, "AUTHORISED",
            Issued, Issued.AddDays(30), lines: [100m * number, 50m]);
}
