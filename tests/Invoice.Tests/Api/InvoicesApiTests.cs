using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BillingOne.BuildingBlocks.Security;
using BillingOne.Contracts.Events;
using MassTransit;

namespace BillingOne.Invoice.Tests.Api;

/// <summary>The Invoices page's API over synced Xero invoices: list, search, filters, client scope, detail, CSV, summary.</summary>
[Trait("Category", "Integration")]
public sealed class InvoicesApiTests(SeededInvoices seeded) : IClassFixture<SeededInvoices>
{
    private const string Invoices = "/api/invoice/invoices";
    private HttpClient Http => seeded.Http;

    [Fact]
    public async Task The_list_shows_each_invoice_with_its_status_client_dates_and_Xero_link_newest_first()
    {
        var page = await Http.GetFromJsonAsync<JsonElement>(Invoices);

        page.GetProperty("totalCount").GetInt32().ShouldBe(6);
        page.GetProperty("page").GetInt32().ShouldBe(1);
        var items = page.GetProperty("items").EnumerateArray().ToList();
        items.Select(Number).ShouldBe(["INV-3", "INV-2", "INV-1", "INV-4", "INV-5", "INV-6"]);
        items.Select(item => item.GetProperty("status").GetString())
            .ShouldBe(["awaiting", "submitted", "draft", "overdue", "paid", "voided"]);
        var draft = items[2];
        draft.GetProperty("source").GetString().ShouldBe("xero");
        draft.GetProperty("externalId").GetString().ShouldBe(seeded.XeroIds["INV-1"].ToString());
        draft.GetProperty("contactName").GetString().ShouldBe("Harbourside Dental");
        draft.GetProperty("clientId").GetGuid().ShouldBe(seeded.ClientId);
        draft.GetProperty("issuedOn").GetString().ShouldBe(SeededInvoices.Today.AddDays(-6).ToString("yyyy-MM-dd"));
        draft.GetProperty("total").GetDecimal().ShouldBe(110m);
        draft.GetProperty("currency").GetString().ShouldBe("AUD");
        draft.GetProperty("vendorUrl").GetString().ShouldBe(
            $"https://go.xero.com/AccountsReceivable/View.aspx?InvoiceID={seeded.XeroIds["INV-1"]}");
        items[0].GetProperty("clientId").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Theory]
    [InlineData("inv-2", new[] { "INV-2" })]
    [InlineData("1,250.00", new[] { "INV-2" })]
    [InlineData("1250", new[] { "INV-2" })]
    [InlineData("PO-778", new[] { "INV-6" })]
    [InlineData("northgate", new[] { "INV-3", "INV-4", "INV-6" })]
    [InlineData("Pty Ltd", new[] { "INV-1", "INV-2", "INV-5" })]
    public async Task Search_matches_number_reference_contact_client_or_an_amount(string search, string[] expected)
    {
        var page = await Http.GetFromJsonAsync<JsonElement>($"{Invoices}?search={Uri.EscapeDataString(search)}&sort=number");

        page.GetProperty("items").EnumerateArray().Select(Number).ShouldBe(expected);
    }

    [Theory]
    [InlineData("status=overdue", new[] { "INV-4" })]
    [InlineData("status=awaiting", new[] { "INV-3" })]
    [InlineData("unmapped=true", new[] { "INV-3", "INV-4", "INV-6" })]
    [InlineData("source=xero&status=paid", new[] { "INV-5" })]
    [InlineData("source=superops", new string[0])]
    public async Task Filters_keep_what_they_name(string filter, string[] expected)
    {
        var page = await Http.GetFromJsonAsync<JsonElement>($"{Invoices}?{filter}&sort=number");

        page.GetProperty("items").EnumerateArray().Select(Number).ShouldBe(expected);
    }

    [Theory]
    [InlineData(-10, null, new[] { "INV-1", "INV-2", "INV-3" })]
    [InlineData(-65, -40, new[] { "INV-4", "INV-5" })]
    [InlineData(null, -60, new[] { "INV-5", "INV-6" })]
    public async Task A_date_range_keeps_the_invoices_issued_in_it_both_days_included(int? from, int? to, string[] expected)
    {
        static string Day(int? offset) => offset is { } days
            ? SeededInvoices.Today.AddDays(days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)
            : "";

        var page = await Http.GetFromJsonAsync<JsonElement>($"{Invoices}?from={Day(from)}&to={Day(to)}&sort=number");

        page.GetProperty("items").EnumerateArray().Select(Number).ShouldBe(expected);
    }

    [Fact]
    public async Task Sorting_by_amount_due_descending_puts_the_largest_first()
    {
        var page = await Http.GetFromJsonAsync<JsonElement>($"{Invoices}?sort=amountDue&direction=desc&pageSize=2");

        page.GetProperty("items").EnumerateArray().Select(Number).ShouldBe(["INV-2", "INV-4"]);
        page.GetProperty("pageSize").GetInt32().ShouldBe(2);
        page.GetProperty("totalCount").GetInt32().ShouldBe(6);
    }

    [Theory]
    [InlineData("status=unpaid", "status")]
    [InlineData("source=quickbooks", "source")]
    [InlineData("sort=colour", "sort")]
    [InlineData("direction=sideways", "direction")]
    [InlineData("clientId=harbourside", "clientId")]
    [InlineData("unmapped=maybe", "unmapped")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("from=2026-13-01", "from")]
    [InlineData("to=yesterday", "to")]
    [InlineData("from=2026-03-02&to=2026-03-01", "to")]
    public async Task A_bad_query_value_is_a_problem_naming_the_parameter(string query, string parameter)
    {
        using var response = await Http.GetAsync($"{Invoices}?{query}");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(parameter, out _)
            .ShouldBeTrue();
    }

    [Fact]
    public async Task A_client_scoped_key_sees_only_its_clients_invoices()
    {
        using var scoped = seeded.Service.ClientFor(seeded.OrgId, Roles.Finance, clientScope: seeded.ClientId);

        var page = await scoped.GetFromJsonAsync<JsonElement>($"{Invoices}?sort=number");
        page.GetProperty("items").EnumerateArray().Select(Number).ShouldBe(["INV-1", "INV-2", "INV-5"]);
        var summary = await scoped.GetFromJsonAsync<JsonElement>($"{Invoices}/summary");
        summary.GetProperty("total").GetInt32().ShouldBe(3);

        var other = (await Http.GetFromJsonAsync<JsonElement>($"{Invoices}?search=INV-4")).GetProperty("items")[0]
            .GetProperty("id").GetGuid();
        using var hidden = await scoped.GetAsync($"{Invoices}/{other}");
        hidden.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_detail_shows_lines_totals_and_how_far_it_is_paid()
    {
        var overdue = await DetailAsync("INV-4");
        overdue.GetProperty("status").GetString().ShouldBe("overdue");
        overdue.GetProperty("subTotal").GetDecimal().ShouldBe(450m);
        overdue.GetProperty("totalTax").GetDecimal().ShouldBe(45m);
        overdue.GetProperty("total").GetDecimal().ShouldBe(495m);
        overdue.GetProperty("amountDue").GetDecimal().ShouldBe(375m);
        overdue.GetProperty("paymentStatus").GetString().ShouldBe("Part paid: 120.00 of 495.00");
        var lines = overdue.GetProperty("lines").EnumerateArray().ToList();
        lines.Count.ShouldBe(2);
        lines[0].GetProperty("description").GetString().ShouldBe("Managed services line 1");
        lines[0].GetProperty("unitAmount").GetDecimal().ShouldBe(400m);
        lines[0].GetProperty("lineAmount").GetDecimal().ShouldBe(400m);
        lines[0].GetProperty("taxAmount").GetDecimal().ShouldBe(40m);
        lines[1].GetProperty("itemCode").GetString().ShouldBe("MS-2");

        var paid = await DetailAsync("INV-5");
        paid.GetProperty("paymentStatus").GetString().ShouldBe($"Paid on {SeededInvoices.Today.AddDays(-30):yyyy-MM-dd}");
        paid.GetProperty("fullyPaidOn").GetString().ShouldBe(SeededInvoices.Today.AddDays(-30).ToString("yyyy-MM-dd"));
        (await DetailAsync("INV-1")).GetProperty("paymentStatus").GetString().ShouldBe("Draft");
        (await DetailAsync("INV-3")).GetProperty("paymentStatus").GetString().ShouldBe("Unpaid");

        using var missing = await Http.GetAsync($"{Invoices}/{Guid.NewGuid()}");
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        missing.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task The_export_is_csv_with_a_header_row_and_the_lists_filters()
    {
        using var response = await Http.GetAsync($"{Invoices}/export?unmapped=true&sort=number");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var lines = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF')
            .Split(["\r\n", "\n"], StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldStartWith("Invoice ID,Source,External ID,Number,Reference,Contact,Client ID,Client,Status");
        lines.Length.ShouldBe(4);
        lines[1].ShouldContain(",INV-3,");
        lines[2].ShouldContain(",overdue,");
        lines[3].ShouldContain(",PO-778,");

        using var bad = await Http.GetAsync($"{Invoices}/export?status=nope");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_summary_counts_by_status_unmapped_and_pending()
    {
        var summary = await Http.GetFromJsonAsync<JsonElement>($"{Invoices}/summary");

        summary.GetProperty("total").GetInt32().ShouldBe(6);
        foreach (var status in new[] { "draft", "submitted", "awaiting", "overdue", "paid", "voided" })
        {
            summary.GetProperty("byStatus").GetProperty(status).GetInt32().ShouldBe(1, status);
        }
        summary.GetProperty("unmapped").GetInt32().ShouldBe(3);
        summary.GetProperty("pending").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task An_older_mapping_change_arriving_late_does_not_undo_a_newer_one()
    {
        var stale = Guid.NewGuid();
        var otherVendor = Guid.NewGuid();
        await seeded.Service.Bus.Publish(new ClientMappingChanged(seeded.OrgId, "xero", seeded.MappedContact.ToString(), null,
            null, DateTimeOffset.UtcNow.AddDays(-1)), context => context.MessageId = stale);
        await seeded.Service.Bus.Publish(new ClientMappingChanged(seeded.OrgId, "pax8", seeded.UnmappedContact.ToString(),
            seeded.ClientId, "manual", DateTimeOffset.UtcNow), context => context.MessageId = otherVendor);
        await using var database = new Npgsql.NpgsqlConnection(seeded.Service.DatabaseConnectionString);
        await BillingOne.Testing.Eventually.UntilAsync(async () => await Dapper.SqlMapper.ExecuteScalarAsync<long>(database,
            "SELECT count(*) FROM inbox_messages WHERE message_id = ANY(@ids)", new { ids = new[] { stale, otherVendor } }) == 2,
            "both changes to be handled");

        var mapped = await Http.GetFromJsonAsync<JsonElement>($"{Invoices}?clientId={seeded.ClientId}&sort=number");
        mapped.GetProperty("items").EnumerateArray().Select(Number).ShouldBe(["INV-1", "INV-2", "INV-5"],
            "the older unmapping is ignored and Pax8 mappings are not the invoice service's");
    }

    private async Task<JsonElement> DetailAsync(string number)
    {
        var id = (await Http.GetFromJsonAsync<JsonElement>($"{Invoices}?search={number}")).GetProperty("items")[0]
            .GetProperty("id").GetGuid();
        return await Http.GetFromJsonAsync<JsonElement>($"{Invoices}/{id}");
    }

    private static string Number(JsonElement item) => item.GetProperty("number").GetString()!;
}
