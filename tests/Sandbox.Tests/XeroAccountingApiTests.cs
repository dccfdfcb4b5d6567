using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using BillingOne.Sandbox.Xero;
using Microsoft.Extensions.DependencyInjection;

namespace BillingOne.Sandbox.Tests;

/// <summary>Reads only, so the tests share one sandbox.</summary>
[Trait("Category", "Integration")]
public sealed class XeroAccountingApiTests(SandboxApp app) : IClassFixture<SandboxApp>
{
    private static readonly JsonSerializerOptions PascalCase = new() { PropertyNamingPolicy = null };

    // Spelled out here rather than reusing the sandbox's records, so the tests pin Xero's documented wire names.
    private sealed record InvoicesAnswer(string Status, List<Invoice> Invoices,
        [property: JsonPropertyName("pagination")] Pagination? Pagination);

    private sealed record ContactsAnswer(string Status, List<Contact> Contacts);

    private sealed record Pagination(
        [property: JsonPropertyName("page")] int Page,
        [property: JsonPropertyName("pageCount")] int PageCount,
        [property: JsonPropertyName("itemCount")] int ItemCount);

    private sealed record Invoice(Guid InvoiceID, string Type, string InvoiceNumber, ContactRef Contact, string Date,
        string DueDateString, string Status, List<LineItem> LineItems, decimal SubTotal, decimal TotalTax, decimal Total,
        decimal AmountDue, decimal AmountPaid, string CurrencyCode, string UpdatedDateUTC);

    private sealed record ContactRef(Guid ContactID, string Name);

    private sealed record LineItem(string Description, decimal Quantity, decimal UnitAmount, decimal LineAmount,
        string AccountCode, string? ItemCode, decimal TaxAmount);

    private sealed record Contact(Guid ContactID, string Name, string ContactStatus);

    private sealed record Forbidden(string Title, int Status, string Detail);

    private XeroDemoData Data => app.Services.GetRequiredService<XeroLedger>().Data;

    [Fact]
    public async Task Without_the_tenant_header_the_api_answers_403_authentication_unsuccessful()
    {
        using var client = await app.CreateXeroClientAsync();
        client.DefaultRequestHeaders.Remove("xero-tenant-id");

        using var missing = await client.GetAsync("/xero/api.xro/2.0/Invoices?page=1");
        client.DefaultRequestHeaders.Add("xero-tenant-id", Guid.NewGuid().ToString());
        using var unknown = await client.GetAsync("/xero/api.xro/2.0/Invoices?page=1");
        using var anonymous = await app.CreateClient().GetAsync("/xero/api.xro/2.0/Invoices?page=1");

        missing.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await missing.Content.ReadFromJsonAsync<Forbidden>(PascalCase))!.Detail.ShouldBe("AuthenticationUnsuccessful");
        unknown.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Paging_walks_every_invoice_once_in_pages_of_100_and_a_page_past_the_last_is_empty()
    {
        using var client = await app.CreateXeroClientAsync();
        var seen = new List<Guid>();
        InvoicesAnswer page;
        var number = 1;
        do
        {
            page = (await client.GetFromJsonAsync<InvoicesAnswer>($"/xero/api.xro/2.0/Invoices?page={number++}", PascalCase))!;
            page.Invoices.Count.ShouldBeLessThanOrEqualTo(100);
            seen.AddRange(page.Invoices.Select(invoice => invoice.InvoiceID));
        }
        while (page.Invoices.Count == 100);

        var past = (await client.GetFromJsonAsync<InvoicesAnswer>($"/xero/api.xro/2.0/Invoices?page={number + 5}", PascalCase))!;

        Data.Invoices.Count.ShouldBeGreaterThan(200);
        seen.ShouldBe(Data.Invoices.Select(invoice => invoice.InvoiceID));
        past.Status.ShouldBe("OK");
        past.Invoices.ShouldBeEmpty();
        past.Pagination!.ItemCount.ShouldBe(Data.Invoices.Count);
    }

    [Fact]
    public async Task Invoices_carry_xeros_fields_with_consistent_totals_and_dates()
    {
        using var client = await app.CreateXeroClientAsync();

        var invoices = (await client.GetFromJsonAsync<InvoicesAnswer>("/xero/api.xro/2.0/Invoices?page=3", PascalCase))!.Invoices;

        invoices.ShouldNotBeEmpty();
        invoices.ShouldAllBe(invoice => invoice.Type == "ACCREC" && invoice.CurrencyCode == "AUD"
            && invoice.InvoiceNumber.StartsWith("INV-") && invoice.Date.StartsWith("/Date(") && invoice.UpdatedDateUTC.EndsWith("+0000)/")
            && invoice.LineItems.Count > 0 && invoice.Total == invoice.SubTotal + invoice.TotalTax
            && invoice.AmountDue == invoice.Total - invoice.AmountPaid
            && invoice.SubTotal == invoice.LineItems.Sum(line => line.LineAmount));
    }

    [Fact]
    public async Task If_modified_since_keeps_only_invoices_updated_after_it()
    {
        using var client = await app.CreateXeroClientAsync();
        var cutoff = SandboxApp.Anchor.AddDays(-20);
        var expected = Data.Invoices.Where(invoice => invoice.UpdatedAt > cutoff).Select(invoice => invoice.InvoiceID).ToList();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/xero/api.xro/2.0/Invoices");
        request.Headers.IfModifiedSince = cutoff;

        using var response = await client.SendAsync(request);
        var answer = (await response.Content.ReadFromJsonAsync<InvoicesAnswer>(PascalCase))!;

        expected.ShouldNotBeEmpty();
        expected.Count.ShouldBeLessThan(Data.Invoices.Count / 2);
        answer.Invoices.Select(invoice => invoice.InvoiceID).ShouldBe(expected);
    }

    [Fact]
    public async Task Statuses_filter_and_every_status_of_the_story_is_present()
    {
        using var client = await app.CreateXeroClientAsync();

        var drafts = (await client.GetFromJsonAsync<InvoicesAnswer>("/xero/api.xro/2.0/Invoices?Statuses=DRAFT,SUBMITTED", PascalCase))!;
        var authorised = (await client.GetFromJsonAsync<InvoicesAnswer>("/xero/api.xro/2.0/Invoices?Statuses=AUTHORISED", PascalCase))!;

        drafts.Invoices.Select(invoice => invoice.Status).Distinct().Order().ShouldBe(["DRAFT", "SUBMITTED"]);
        authorised.Invoices.ShouldNotBeEmpty();
        authorised.Invoices.ShouldAllBe(invoice => invoice.AmountDue > 0);
        // Overdue: authorised, still owing and due before the world's today.
        authorised.Invoices.ShouldContain(invoice => string.CompareOrdinal(invoice.DueDateString, "2025-03-01") < 0);
        Data.Invoices.ShouldContain(invoice => invoice.Status == "PAID" && invoice.AmountDue == 0);
    }

    [Fact]
    public async Task One_invoice_is_found_by_id_or_number_and_an_unknown_one_is_404()
    {
        using var client = await app.CreateXeroClientAsync();
        var invoice = Data.Invoices[42];

        var byId = (await client.GetFromJsonAsync<InvoicesAnswer>($"/xero/api.xro/2.0/Invoices/{invoice.InvoiceID}", PascalCase))!;
        var byNumber = (await client.GetFromJsonAsync<InvoicesAnswer>($"/xero/api.xro/2.0/Invoices/{invoice.InvoiceNumber}", PascalCase))!;
        using var unknown = await client.GetAsync($"/xero/api.xro/2.0/Invoices/{Guid.NewGuid()}");

        byId.Invoices.Single().InvoiceNumber.ShouldBe(invoice.InvoiceNumber);
        byNumber.Invoices.Single().InvoiceID.ShouldBe(invoice.InvoiceID);
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task One_contact_is_found_by_id_and_an_unknown_one_is_404()
    {
        using var client = await app.CreateXeroClientAsync();
        var contact = Data.Contacts[3];

        var byId = (await client.GetFromJsonAsync<ContactsAnswer>($"/xero/api.xro/2.0/Contacts/{contact.ContactID}", PascalCase))!;
        using var unknown = await client.GetAsync($"/xero/api.xro/2.0/Contacts/{Guid.NewGuid()}");

        byId.Contacts.Single().ContactID.ShouldBe(contact.ContactID);
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Contacts_page_and_a_where_clause_is_refused_rather_than_ignored()
    {
        using var client = await app.CreateXeroClientAsync();

        var contacts = (await client.GetFromJsonAsync<ContactsAnswer>("/xero/api.xro/2.0/Contacts?page=1", PascalCase))!;
        using var where = await client.GetAsync("/xero/api.xro/2.0/Invoices?where=Type%3D%3D%22ACCREC%22");

        contacts.Contacts.Select(contact => contact.ContactID).ShouldBe(Data.Contacts.Take(100).Select(contact => contact.ContactID));
        contacts.Contacts.ShouldAllBe(contact => contact.ContactStatus == "ACTIVE");
        where.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_underbilled_endpoint_lists_lines_billed_below_their_subscription()
    {
        var underBilled = await app.CreateClient().GetFromJsonAsync<List<XeroUnderBilledLine>>("/sandbox/xero/underbilled");

        underBilled.ShouldNotBeEmpty();
        underBilled.ShouldBe(Data.UnderBilled);
        underBilled!.ShouldAllBe(line => line.BilledQuantity < line.SubscribedQuantity && line.BilledQuantity > 0);
    }
}
