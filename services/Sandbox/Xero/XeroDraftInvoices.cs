using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using BillingOne.Sandbox.Pax8;

namespace BillingOne.Sandbox.Xero;

/// <summary>
/// <c>PUT</c> and <c>POST /Invoices</c>: one invoice, or <c>{"Invoices": [...]}</c>, each an ACCREC draft for a known
/// contact (by <c>ContactID</c>, or by exact <c>Name</c>) with lines naming an <c>AccountCode</c>. As Xero does by default
/// (<c>summarizeErrors</c>), one invalid invoice refuses the whole request with a <c>ValidationException</c>.
/// </summary>
public static partial class XeroDraftInvoices
{
    private const int DefaultDueDays = 20;

    public sealed record InvoicesRequest(List<InvoiceRequest>? Invoices);

    public sealed record InvoiceRequest(
        Guid? InvoiceID,
        string? Type,
        ContactRequest? Contact,
        string? Date,
        string? DueDate,
        string? Status,
        string? LineAmountTypes,
        string? Reference,
        string? InvoiceNumber,
        string? CurrencyCode,
        List<LineRequest>? LineItems);

    public sealed record ContactRequest(Guid? ContactID, string? Name);

    public sealed record LineRequest(string? Description, decimal? Quantity, decimal? UnitAmount, string? AccountCode,
        string? ItemCode);

    public static async Task<IResult> CreateAsync(HttpRequest request, XeroLedger ledger, TimeProvider timeProvider,
        ClaimsPrincipal user, ILoggerFactory loggers)
    {
        List<InvoiceRequest> invoices;
        try
        {
            using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            var isList = body.RootElement.ValueKind == JsonValueKind.Object
                && body.RootElement.EnumerateObject().Any(property => property.Name.Equals("Invoices", StringComparison.OrdinalIgnoreCase));
            invoices = isList
                ? body.RootElement.Deserialize<InvoicesRequest>(XeroJson.Options)?.Invoices ?? []
                : [body.RootElement.Deserialize<InvoiceRequest>(XeroJson.Options)!];
        }
        catch (JsonException exception)
        {
            return Error(StatusCodes.Status400BadRequest, 14, "PostDataInvalidException", $"The body is not valid JSON: {exception.Message}");
        }
        var today = new DateTimeOffset(timeProvider.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero);
        var problems = invoices.Select(invoice => Validate(invoice, ledger.Data.Contacts)).ToList();
        if (invoices.Count == 0 || problems.Any(list => list.Count > 0))
        {
            return ValidationError(invoices.Count == 0 ? [["No invoice was sent."]] : problems);
        }

        var key = request.Headers["Idempotency-Key"].ToString();
        var scope = $"{XeroIdentityApi.ClientIdOf(user)}|{request.Headers[XeroAccountingApi.TenantHeader]}|{key}";
        var created = ledger.Add(key.Length > 0 ? scope : null, nextNumber =>
            [.. invoices.Select(invoice => Build(invoice, ledger.Data.Contacts, today, nextNumber, timeProvider.GetUtcNow()))]);
        var logger = loggers.CreateLogger(typeof(XeroDraftInvoices));
        foreach (var invoice in created)
        {
            LogCreated(logger, invoice.InvoiceNumber, invoice.Contact.Name, invoice.Total);
        }
        return XeroJson.Ok(XeroAccountingApi.Envelope(request, null) with { Invoices = created });
    }

    /// <summary>Xero's error body: a number, a type and a message.</summary>
    public static IResult Error(int statusCode, int number, string type, string message) =>
        Results.Json(new { ErrorNumber = number, Type = type, Message = message }, XeroJson.Options, statusCode: statusCode);

    private static IResult ValidationError(List<List<string>> problems) => Results.Json(new
    {
        ErrorNumber = 10,
        Type = "ValidationException",
        Message = "A validation exception occurred",
        Elements = problems.Select(list => new { ValidationErrors = list.Select(message => new { Message = message }) }),
    }, XeroJson.Options, statusCode: StatusCodes.Status400BadRequest);

    private static List<string> Validate(InvoiceRequest invoice, IReadOnlyList<XeroContact> contacts)
    {
        var problems = new List<string>();
        if (invoice.InvoiceID is not null)
        {
            problems.Add("The sandbox creates invoices only; it does not update them.");
        }
        if (invoice.Type != "ACCREC")
        {
            problems.Add("Type must be ACCREC: the sandbox serves sales invoices only.");
        }
        if (invoice.Status is not (null or "DRAFT"))
        {
            problems.Add("The sandbox creates DRAFT invoices only.");
        }
        if (FindContact(invoice.Contact, contacts) is null)
        {
            problems.Add("Contact must name an existing contact by ContactID or by its exact Name.");
        }
        if (invoice.LineAmountTypes is not (null or XeroInvoices.Exclusive or XeroInvoices.Inclusive or XeroInvoices.NoTax))
        {
            problems.Add("LineAmountTypes must be Exclusive, Inclusive or NoTax.");
        }
        if (invoice.Date is not null && ParseDate(invoice.Date) is null || invoice.DueDate is not null && ParseDate(invoice.DueDate) is null)
        {
            problems.Add("Date and DueDate must be yyyy-MM-dd, an ISO 8601 date or /Date(ms)/.");
        }
        var lines = invoice.LineItems ?? [];
        if (lines.Count == 0)
        {
            problems.Add("An invoice needs at least one line item.");
        }
        if (lines.Any(line => string.IsNullOrWhiteSpace(line.Description) || string.IsNullOrWhiteSpace(line.AccountCode)))
        {
            problems.Add("Every line item needs a Description and an AccountCode.");
        }
        return problems;
    }

    private static XeroInvoice Build(InvoiceRequest invoice, IReadOnlyList<XeroContact> contacts, DateTimeOffset today,
        Func<string> nextNumber, DateTimeOffset now)
    {
        var contact = FindContact(invoice.Contact, contacts)!;
        var lineAmountTypes = invoice.LineAmountTypes ?? XeroInvoices.Exclusive;
        var date = invoice.Date is null ? today : ParseDate(invoice.Date)!.Value;
        var lines = invoice.LineItems!.Select(line => XeroInvoices.Line(Guid.NewGuid(), line.Description!, line.Quantity ?? 1,
            line.UnitAmount ?? 0, line.AccountCode!, line.ItemCode, lineAmountTypes)).ToList();
        return XeroInvoices.Create(Guid.NewGuid(), invoice.InvoiceNumber ?? nextNumber(), invoice.Reference,
            new XeroContactRef(contact.ContactID, contact.Name, contact.EmailAddress), date,
            invoice.DueDate is null ? date.AddDays(DefaultDueDays) : ParseDate(invoice.DueDate)!.Value, "DRAFT", lineAmountTypes,
            lines, 0m, invoice.CurrencyCode ?? Pax8Catalogue.Currency, now);
    }

    private static XeroContact? FindContact(ContactRequest? contact, IReadOnlyList<XeroContact> contacts) =>
        contact is null
            ? null
            : contacts.FirstOrDefault(candidate => contact.ContactID is { } id
                ? candidate.ContactID == id
                : string.Equals(candidate.Name, contact.Name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Dates as Xero takes them: <c>2025-01-31</c>, ISO 8601 with a time, or <c>/Date(1738281600000+0000)/</c>.</summary>
    private static DateTimeOffset? ParseDate(string text)
    {
        if (text.StartsWith("/Date(", StringComparison.Ordinal))
        {
            var digits = new string([.. text["/Date(".Length..].TakeWhile(char.IsDigit)]);
            return long.TryParse(digits, CultureInfo.InvariantCulture, out var milliseconds)
                ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds)
                : null;
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date) ? date : null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Xero sandbox created draft {InvoiceNumber} for {Contact}, total {Total}")]
    private static partial void LogCreated(ILogger logger, string invoiceNumber, string contact, decimal total);
}
