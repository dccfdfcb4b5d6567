using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BillingOne.Sandbox.Xero;
using Microsoft.Extensions.DependencyInjection;

namespace BillingOne.Sandbox.Tests;

/// <summary>Each test creates drafts in its own sandbox, so the recorded drafts are only its own.</summary>
[Trait("Category", "Integration")]
public sealed class XeroDraftInvoiceTests
{
    private static readonly JsonSerializerOptions PascalCase = new() { PropertyNamingPolicy = null };

    private sealed record InvoicesAnswer(string Status, List<Invoice> Invoices);

    private sealed record Invoice(Guid InvoiceID, string InvoiceNumber, string? Reference, ContactRef Contact, string Status,
        string DateString, List<LineItem> LineItems, decimal SubTotal, decimal TotalTax, decimal Total, decimal AmountDue);

    private sealed record ContactRef(Guid ContactID, string Name);

    private sealed record LineItem(string Description, decimal Quantity, decimal UnitAmount, decimal LineAmount, string AccountCode);

    private sealed record ValidationError(int ErrorNumber, string Type, List<Element> Elements);

    private sealed record Element(List<ValidationMessage> ValidationErrors);

    private sealed record ValidationMessage(string Message);

    [Fact]
    public async Task A_put_draft_is_answered_recorded_and_listed_afterwards()
    {
        await using var app = new SandboxApp();
        using var client = await app.CreateXeroClientAsync();
        var contact = Contacts(app)[7];

        using var response = await client.PutAsJsonAsync("/xero/api.xro/2.0/Invoices", Draft(contact.ContactID, "Usage March 2025"), PascalCase);
        var created = (await response.Content.ReadFromJsonAsync<InvoicesAnswer>(PascalCase))!.Invoices.Single();
        var recorded = await CreatedAsync(app);
        var listed = (await client.GetFromJsonAsync<InvoicesAnswer>(
            $"/xero/api.xro/2.0/Invoices?Statuses=DRAFT&ContactIDs={contact.ContactID}", PascalCase))!.Invoices;

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        created.Status.ShouldBe("DRAFT");
        created.Contact.Name.ShouldBe(contact.Name);
        created.DateString.ShouldBe("2025-03-31T00:00:00");
        created.SubTotal.ShouldBe(12 * 9.50m + 150m);
        created.TotalTax.ShouldBe(26.40m);
        created.AmountDue.ShouldBe(created.Total);
        created.LineItems.Select(line => line.AccountCode).ShouldBe(["200", "210"]);
        recorded.Select(invoice => invoice.InvoiceID).ShouldBe([created.InvoiceID]);
        listed.ShouldContain(invoice => invoice.InvoiceID == created.InvoiceID);
    }

    [Fact]
    public async Task A_repeat_without_an_idempotency_key_is_recorded_as_the_duplicate_it_is()
    {
        await using var app = new SandboxApp();
        using var client = await app.CreateXeroClientAsync();
        var contact = Contacts(app)[3];

        await client.PostAsJsonAsync("/xero/api.xro/2.0/Invoices", new { Invoices = new[] { Draft(contact.ContactID, "Usage March 2025") } }, PascalCase);
        await client.PutAsJsonAsync("/xero/api.xro/2.0/Invoices", Draft(contact.ContactID, "Usage March 2025"), PascalCase);

        var recorded = await CreatedAsync(app);
        recorded.Count(invoice => invoice.Contact.ContactID == contact.ContactID && invoice.Reference == "Usage March 2025").ShouldBe(2);
        recorded.Select(invoice => invoice.InvoiceNumber).Distinct().Count().ShouldBe(2);
    }

    [Fact]
    public async Task The_same_idempotency_key_answers_the_first_invoice_again_without_recording_another()
    {
        await using var app = new SandboxApp();
        using var client = await app.CreateXeroClientAsync();
        var contact = Contacts(app)[5];
        var answers = new List<Guid>();

        for (var attempt = 0; attempt < 2; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, "/xero/api.xro/2.0/Invoices")
            {
                Content = JsonContent.Create(Draft(contact.ContactID, "Usage March 2025"), options: PascalCase),
                Headers = { { "Idempotency-Key", "period-2025-03-client-5" } },
            };
            using var response = await client.SendAsync(request);
            answers.Add((await response.Content.ReadFromJsonAsync<InvoicesAnswer>(PascalCase))!.Invoices.Single().InvoiceID);
        }

        answers.Distinct().Count().ShouldBe(1);
        (await CreatedAsync(app)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Drafts_put_at_the_same_time_are_all_recorded_under_distinct_numbers()
    {
        await using var app = new SandboxApp();
        using var client = await app.CreateXeroClientAsync();
        var contacts = Contacts(app).Take(20).ToList();

        var responses = await Task.WhenAll(contacts.Select(contact =>
            client.PutAsJsonAsync("/xero/api.xro/2.0/Invoices", Draft(contact.ContactID, "Usage March 2025"), PascalCase)));

        responses.ShouldAllBe(response => response.StatusCode == HttpStatusCode.OK);
        var recorded = await CreatedAsync(app);
        recorded.Select(invoice => invoice.Contact.ContactID).Order().ShouldBe(contacts.Select(contact => contact.ContactID).Order());
        recorded.Select(invoice => invoice.InvoiceNumber).Distinct().Count().ShouldBe(contacts.Count);
    }

    [Fact]
    public async Task An_invalid_draft_is_refused_with_a_validation_exception_and_nothing_is_recorded()
    {
        await using var app = new SandboxApp();
        using var client = await app.CreateXeroClientAsync();
        var good = Draft(Contacts(app)[0].ContactID, "fine");
        var unknownContact = Draft(Guid.NewGuid(), "who?");
        var noAccount = new { Type = "ACCREC", Contact = new { Contacts(app)[0].ContactID }, LineItems = new[] { new { Description = "x", Quantity = 1 } } };

        using var response = await client.PutAsJsonAsync("/xero/api.xro/2.0/Invoices",
            new { Invoices = new object[] { good, unknownContact, noAccount } }, PascalCase);
        var error = (await response.Content.ReadFromJsonAsync<ValidationError>(PascalCase))!;

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        error.Type.ShouldBe("ValidationException");
        error.Elements.Select(element => element.ValidationErrors.Count > 0).ShouldBe([false, true, true]);
        (await CreatedAsync(app)).ShouldBeEmpty();
    }

    private static IReadOnlyList<XeroContact> Contacts(SandboxApp app) => app.Services.GetRequiredService<XeroLedger>().Data.Contacts;

    private static async Task<List<Invoice>> CreatedAsync(SandboxApp app) =>
        (await app.CreateClient().GetFromJsonAsync<List<Invoice>>("/sandbox/xero/created-invoices", PascalCase))!;

    private static object Draft(Guid contactId, string reference) => new
    {
        Type = "ACCREC",
        Contact = new { ContactID = contactId },
        Date = "2025-03-31",
        Reference = reference,
        Status = "DRAFT",
        LineAmountTypes = "Exclusive",
        LineItems = new object[]
        {
            new { Description = "Workstations (base)", Quantity = 12, UnitAmount = 9.50m, AccountCode = "200" },
            new { Description = "Overage", Quantity = 1, UnitAmount = 150m, AccountCode = "210" },
        },
    };
}
