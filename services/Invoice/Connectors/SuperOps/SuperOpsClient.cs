using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using BillingOne.Contracts.Money;

namespace BillingOne.Invoice.Connectors.SuperOps;

/// <summary>
/// Reads SuperOps' GraphQL API (<c>getInvoiceList</c>, <c>getClientList</c>) page by page with
/// <c>input: {page, pageSize}</c> until <c>listInfo.hasMore</c> is false. Retries of 429/5xx live in the HttpClient's
/// handlers; this class pages and checks. A page that is not a list (GraphQL errors, wrong page number) stops the read
/// with a <see cref="SuperOpsPayloadException"/>; an incomplete item is refused on its own and named.
/// </summary>
/// <param name="http">Addressed at the GraphQL endpoint with the organization's token and subdomain; owned here.</param>
public sealed class SuperOpsClient(HttpClient http, int pageSize) : IDisposable
{
    public const string SubDomainHeader = "CustomerSubDomain";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    /// <summary>SuperOps' <c>InvoiceStatus</c> enum as its API reference lists it.</summary>
    public static readonly IReadOnlyList<string> Statuses = ["DRAFT", "APPROVED", "PAID", "OVERDUE", "VOID"];

    /// <summary>
    /// The invoice list as SuperOps' schema types it: <c>client</c> and an item's <c>serviceItem</c> are JSON scalars (no
    /// sub-selection), an item's text is <c>details</c>, amounts and quantities are strings, and an invoice has no currency.
    /// </summary>
    public const string InvoiceQuery = """
        query getInvoiceList($input: ListInfoInput!) {
          getInvoiceList(input: $input) {
            invoices { invoiceId displayId client invoiceDate dueDate statusEnum totalAmount
              items { itemId details quantity unitPrice amount serviceItem } }
            listInfo { page pageSize hasMore totalCount }
          }
        }
        """;

    private const string ClientQuery = """
        query getClientList($input: ListInfoInput!) {
          getClientList(input: $input) {
            clients { accountId name status }
            listInfo { page pageSize hasMore totalCount }
          }
        }
        """;

    /// <param name="currency">
    /// The currency the SuperOps account bills in: SuperOps' invoices do not carry one, so every invoice is in it.
    /// </param>
    public IAsyncEnumerable<SuperOpsPage<SuperOpsInvoice>> ReadInvoicesAsync(string currency,
        CancellationToken cancellationToken = default) =>
        Iso4217.TryNormalize(currency, out var code)
            ? ReadPagesAsync<InvoiceListDocument, InvoiceDocument, SuperOpsInvoice>("getInvoiceList", InvoiceQuery,
                list => (list.Invoices, list.ListInfo), invoice => Invoice(invoice, code), cancellationToken)
            : throw new ArgumentException($"'{currency}' is not an ISO 4217 currency code.", nameof(currency));

    public IAsyncEnumerable<SuperOpsPage<SuperOpsAccount>> ReadAccountsAsync(CancellationToken cancellationToken = default) =>
        ReadPagesAsync<ClientListDocument, ClientDocument, SuperOpsAccount>("getClientList", ClientQuery,
            list => (list.Clients, list.ListInfo), Account, cancellationToken);

    private async IAsyncEnumerable<SuperOpsPage<TItem>> ReadPagesAsync<TList, TDocument, TItem>(
        string field, string query, Func<TList, (IReadOnlyList<TDocument?>? Items, ListInfoDocument? Info)> parts,
        Func<TDocument, TItem> check, [EnumeratorCancellation] CancellationToken cancellationToken)
        where TList : class
    {
        for (var number = 1; ; number++)
        {
            var list = await ReadPageAsync<TList>(field, query, number, cancellationToken);
            var (documents, info) = parts(list);
            if (documents is null || info?.HasMore is not { } hasMore)
            {
                throw new SuperOpsPayloadException($"{field} page {number} has no list or no listInfo.hasMore.");
            }
            if (info.Page is { } answeredPage && answeredPage != number)
            {
                throw new SuperOpsPayloadException($"{field} answered page {answeredPage} when page {number} was asked for.");
            }
            if (hasMore && documents.Count == 0)
            {
                throw new SuperOpsPayloadException($"{field} page {number} is empty but says more follow.");
            }
            var items = new List<TItem>(documents.Count);
            var rejected = new List<SuperOpsRejectedItem>();
            for (var index = 0; index < documents.Count; index++)
            {
                var what = $"{field} page {number} item {index + 1}";
                try
                {
                    items.Add(check(documents[index] ?? throw new FormatException("is null")));
                }
                catch (FormatException invalid)
                {
                    rejected.Add(new SuperOpsRejectedItem(what, invalid.Message));
                }
            }
            yield return new SuperOpsPage<TItem>(number, info.TotalCount ?? 0, items, rejected);
            if (!hasMore)
            {
                yield break;
            }
        }
    }

    private async Task<TList> ReadPageAsync<TList>(string field, string query, int number, CancellationToken cancellationToken)
        where TList : class
    {
        using var response = await http.PostAsJsonAsync("", new
        {
            query,
            variables = new { input = new { page = number, pageSize } },
        }, Json, cancellationToken);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new SuperOpsAuthenticationException(
                $"SuperOps refused the API token or subdomain ({(int)response.StatusCode}).");
        }
        response.EnsureSuccessStatusCode();
        GraphQLAnswer<TList>? answer;
        try
        {
            answer = await response.Content.ReadFromJsonAsync<GraphQLAnswer<TList>>(Json, cancellationToken);
        }
        catch (JsonException exception)
        {
            throw new SuperOpsPayloadException($"{field} page {number} is not JSON as expected: {exception.Message}");
        }
        if (answer?.Errors is { Count: > 0 } errors)
        {
            var messages = string.Join("; ", errors.Select(error => $"{error?.Extensions?.Code ?? "ERROR"}: {error?.Message}"));
            throw new SuperOpsPayloadException($"{field} page {number} answered GraphQL errors: {messages}");
        }
        return answer?.Data?.GetValueOrDefault(field)
            ?? throw new SuperOpsPayloadException($"{field} page {number} has no data.{field}.");
    }

    private static SuperOpsInvoice Invoice(InvoiceDocument invoice, string currency)
    {
        var id = Required(invoice.InvoiceId, "invoiceId");
        FormatException Invalid(string field, string reason) => new($"invoice {id}: {field} {reason}");

        var status = invoice.StatusEnum is { } given && Statuses.Contains(given)
            ? given
            : throw Invalid("statusEnum", $"is '{invoice.StatusEnum}', expected one of {string.Join(", ", Statuses)}");
        var total = invoice.TotalAmount is { } amount and >= 0 ? amount : throw Invalid("totalAmount", "is missing or negative");
        var lines = (invoice.Items ?? []).Select((item, index) => item is null
                ? throw Invalid($"items[{index}]", "is null")
                : new SuperOpsInvoiceLine(item.ServiceItem?.Name,
                    item.Details ?? item.ServiceItem?.Name ?? "",
                    item.Quantity ?? throw Invalid($"items[{index}].quantity", "is missing"),
                    item.UnitPrice ?? throw Invalid($"items[{index}].unitPrice", "is missing"),
                    item.Amount ?? throw Invalid($"items[{index}].amount", "is missing")))
            .ToList();
        return new SuperOpsInvoice(id,
            invoice.DisplayId ?? id,
            invoice.Client?.AccountId is { Length: > 0 } accountId ? accountId : throw Invalid("client.accountId", "is missing"),
            invoice.Client.Name is { Length: > 0 } name ? name : throw Invalid("client.name", "is missing"),
            Date(invoice.InvoiceDate) ?? throw Invalid("invoiceDate", $"is '{invoice.InvoiceDate}', expected yyyy-MM-dd"),
            invoice.DueDate is null ? null : Date(invoice.DueDate) ?? throw Invalid("dueDate", $"is '{invoice.DueDate}', expected yyyy-MM-dd"),
            status, total, currency, lines);
    }

    private static SuperOpsAccount Account(ClientDocument client) =>
        new(Required(client.AccountId, "accountId"), Required(client.Name, $"name of account {client.AccountId}"));

    private static string Required(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw new FormatException($"{field} is missing") : value.Trim();

    private static DateOnly? Date(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    public void Dispose() => http.Dispose();
}
