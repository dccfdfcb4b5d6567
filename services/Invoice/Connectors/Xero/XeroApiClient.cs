using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace BillingOne.Invoice.Connectors.Xero;

/// <summary>The access token for the organization's Xero connection; <c>forceRefresh</c> after Xero answered 401.</summary>
public delegate Task<string> XeroAccessTokens(bool forceRefresh, CancellationToken cancellationToken);

/// <summary>
/// Reads one tenant's contacts and sales invoices page by page (<c>page</c> from 1, <c>pageSize</c>) until a page
/// comes back short, optionally only what changed after <c>If-Modified-Since</c>. Retries of 429 (minute) and 5xx
/// live in the HttpClient's pipeline; this class turns the daily limit, a refused token and a refused tenant into
/// exceptions that say what to do, and hands out each page with the items it could use and the ones it rejected.
/// </summary>
public sealed class XeroApiClient(HttpClient http, XeroApp app, Guid tenantId, XeroAccessTokens tokens, int pageSize,
    TimeProvider clock, XeroRateGate? gate = null)
{
    public const string TenantHeader = "xero-tenant-id";

    /// <summary>Pages that cannot be read in a row before the read gives up: Xero is answering garbage.</summary>
    private const int MaxUnreadableInRow = 3;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public IAsyncEnumerable<XeroPage<XeroContact>> ReadContactsAsync(DateTimeOffset? modifiedSince,
        CancellationToken cancellationToken) =>
        ReadPagesAsync("Contacts", "", modifiedSince,
            (ContactsEnvelope envelope) => envelope.Contacts, "ContactID",
            (JsonElement item) => XeroItemValidation.Contact(item.Deserialize<ContactDocument>(Json)!), cancellationToken);

    /// <summary>Sales invoices (ACCREC) only: bills to the MSP are not what it invoices its clients.</summary>
    public IAsyncEnumerable<XeroPage<XeroInvoice>> ReadInvoicesAsync(DateTimeOffset? modifiedSince,
        CancellationToken cancellationToken) =>
        ReadPagesAsync("Invoices", "", modifiedSince,
            (InvoicesEnvelope envelope) => envelope.Invoices, "InvoiceID",
            (JsonElement item) =>
            {
                var document = item.Deserialize<InvoiceDocument>(Json)!;
                return document.Type is null or "ACCREC" ? XeroItemValidation.Invoice(document) : null;
            }, cancellationToken);

    private async IAsyncEnumerable<XeroPage<TItem>> ReadPagesAsync<TEnvelope, TItem>(string resource, string filter,
        DateTimeOffset? modifiedSince, Func<TEnvelope, List<JsonElement>?> itemsOf, string idProperty,
        Func<JsonElement, TItem?> read, [EnumeratorCancellation] CancellationToken cancellationToken)
        where TItem : class
    {
        var unreadableInRow = 0;
        for (var number = 1; ; number++)
        {
            var (envelope, unreadable) = await GetPageAsync<TEnvelope>(resource, number, filter, modifiedSince, cancellationToken);
            if (unreadable is not null)
            {
                yield return new XeroPage<TItem>(number, [], [], pageSize, unreadable);
                if (++unreadableInRow >= MaxUnreadableInRow)
                {
                    throw new XeroPayloadException(resource, number, "$",
                        $"and the {MaxUnreadableInRow - 1} pages before it could not be read; the read stops");
                }
                continue;
            }
            unreadableInRow = 0;
            var received = itemsOf(envelope!) ?? [];
            var items = new List<TItem>(received.Count);
            var rejected = new List<XeroRejectedItem>();
            for (var index = 0; index < received.Count; index++)
            {
                Check(received[index], $"{resource.ToLowerInvariant()} page {number} item {index}", idProperty, read, items,
                    rejected);
            }
            yield return new XeroPage<TItem>(number, items, rejected, received.Count);
            if (received.Count < pageSize)
            {
                yield break;
            }
        }
    }

    public Task<XeroPage<XeroContact>> ReadContactAsync(Guid contactId, CancellationToken cancellationToken) =>
        ReadOneAsync("Contacts", contactId, (ContactsEnvelope envelope) => envelope.Contacts, "ContactID",
            (JsonElement item) => XeroItemValidation.Contact(item.Deserialize<ContactDocument>(Json)!), cancellationToken);

    public Task<XeroPage<XeroInvoice>> ReadInvoiceAsync(Guid invoiceId, CancellationToken cancellationToken) =>
        ReadOneAsync("Invoices", invoiceId, (InvoicesEnvelope envelope) => envelope.Invoices, "InvoiceID",
            (JsonElement item) =>
            {
                var document = item.Deserialize<InvoiceDocument>(Json)!;
                return document.Type is null or "ACCREC" ? XeroItemValidation.Invoice(document) : null;
            }, cancellationToken);

    /// <summary>
    /// One record by id (<c>GET {resource}/{id}</c>), as a page of at most one item; Xero not knowing the id (404) is a
    /// page with no items and <see cref="XeroPage{T}.ReceivedCount"/> 0, so a scoped sync can name it.
    /// </summary>
    private async Task<XeroPage<TItem>> ReadOneAsync<TEnvelope, TItem>(string resource, Guid id,
        Func<TEnvelope, List<JsonElement>?> itemsOf, string idProperty, Func<JsonElement, TItem?> read,
        CancellationToken cancellationToken)
        where TItem : class
    {
        var address = new Uri(app.AccountingAddress, $"{resource}/{id}");
        using var response = await SendAsync(address, null, cancellationToken, notFoundAnswered: true);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return new XeroPage<TItem>(1, [], [], 0);
        }
        TEnvelope? envelope;
        try
        {
            envelope = await response.Content.ReadFromJsonAsync<TEnvelope>(Json, cancellationToken);
        }
        catch (JsonException exception)
        {
            return new XeroPage<TItem>(1, [], [], 0, $"{exception.Path ?? "$"} cannot be read: {exception.Message}");
        }
        var received = envelope is null ? [] : itemsOf(envelope) ?? [];
        var items = new List<TItem>();
        var rejected = new List<XeroRejectedItem>();
        foreach (var item in received)
        {
            Check(item, $"{resource.ToLowerInvariant()} {id}", idProperty, read, items, rejected);
        }
        return new XeroPage<TItem>(1, items, rejected, received.Count);
    }

    private static void Check<TItem>(JsonElement received, string where, string idProperty, Func<JsonElement, TItem?> read,
        List<TItem> items, List<XeroRejectedItem> rejected)
        where TItem : class
    {
        var what = where + (XeroItemValidation.IdOf(received, idProperty) is { } id ? $" ({id})" : "");
        try
        {
            if (read(received) is { } item)
            {
                items.Add(item);
            }
        }
        catch (Exception exception) when (exception is XeroItemException or JsonException or InvalidOperationException)
        {
            rejected.Add(new XeroRejectedItem(what, exception is JsonException json
                ? $"{json.Path} cannot be read: {json.Message}"
                : exception.Message));
        }
    }

    /// <summary>The page's envelope, or why it cannot be read.</summary>
    private async Task<(TEnvelope? Envelope, string? Unreadable)> GetPageAsync<TEnvelope>(string resource, int number,
        string filter, DateTimeOffset? modifiedSince, CancellationToken cancellationToken)
    {
        var address = new Uri(app.AccountingAddress,
            string.Create(CultureInfo.InvariantCulture, $"{resource}?page={number}&pageSize={pageSize}{filter}"));
        using var response = await SendAsync(address, modifiedSince, cancellationToken);
        try
        {
            var envelope = await response.Content.ReadFromJsonAsync<TEnvelope>(Json, cancellationToken);
            return envelope is null ? (default, "the answer is null instead of a page") : (envelope, null);
        }
        catch (JsonException exception)
        {
            return (default, $"{exception.Path ?? "$"} cannot be read: {exception.Message}");
        }
    }

    /// <param name="notFoundAnswered">A 404 is returned as an answer (a record read by id that Xero does not know) rather than thrown.</param>
    private Task<HttpResponseMessage> SendAsync(Uri address, DateTimeOffset? modifiedSince,
        CancellationToken cancellationToken, bool notFoundAnswered = false) =>
        SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, address);
            if (modifiedSince is { } since)
            {
                request.Headers.IfModifiedSince = since;
            }
            return request;
        }, status => notFoundAnswered && status == HttpStatusCode.NotFound, cancellationToken);

    /// <param name="answered">Which failure statuses are handed out for their body to be read instead of thrown.</param>
    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> newRequest, Func<HttpStatusCode, bool> answered,
        CancellationToken cancellationToken)
    {
        var response = await SendOnceAsync(newRequest, await tokens(false, cancellationToken), cancellationToken);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            // Expired or revoked before our clock said so: one more try with a fresh token.
            response.Dispose();
            response = await SendOnceAsync(newRequest, await tokens(true, cancellationToken), cancellationToken);
        }
        if (XeroConnectorRegistration.IsDailyLimit(response))
        {
            var wait = response.Headers.RetryAfter?.Delta ?? (response.Headers.RetryAfter?.Date - clock.GetUtcNow())
                ?? TimeSpan.FromHours(1);
            response.Dispose();
            throw new XeroDailyLimitException(clock.GetUtcNow() + (wait > TimeSpan.Zero ? wait : TimeSpan.Zero));
        }
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            var status = response.StatusCode;
            response.Dispose();
            throw new XeroReconnectRequiredException(status == HttpStatusCode.Forbidden
                ? "Xero refused access to the connected organisation (403): the app was disconnected from it. Connect Xero again under Settings → Integrations."
                : "Xero refused the access token (401). Connect Xero again under Settings → Integrations.");
        }
        if (answered(response.StatusCode))
        {
            return response;
        }
        try
        {
            response.EnsureSuccessStatusCode();
        }
        catch
        {
            response.Dispose();
            throw;
        }
        return response;
    }

    private async Task<HttpResponseMessage> SendOnceAsync(Func<HttpRequestMessage> newRequest, string accessToken,
        CancellationToken cancellationToken)
    {
        if (gate?.DelayBefore(tenantId) is { } delay && delay > TimeSpan.Zero)
        {
            // Proactive: the tenant's minute is nearly used up, so wait instead of collecting a 429.
            await Task.Delay(delay, clock, cancellationToken);
        }
        using var request = newRequest();
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Add(TenantHeader, tenantId.ToString());
        var response = await http.SendAsync(request, cancellationToken);
        gate?.Observe(tenantId, response);
        return response;
    }

    /// <summary>
    /// Creates <paramref name="draft"/> as a DRAFT sales invoice. Xero keeps the answer of an
    /// <c>Idempotency-Key</c>, so sending the same key again (a retry after a restart) returns the invoice created the
    /// first time instead of a second one. A refused invoice throws <see cref="XeroInvoiceRefusedException"/> with
    /// Xero's validation messages.
    /// </summary>
    public async Task<XeroCreatedInvoice> CreateDraftInvoiceAsync(XeroDraftInvoice draft, string idempotencyKey,
        CancellationToken cancellationToken)
    {
        var address = new Uri(app.AccountingAddress, "Invoices");
        var body = new
        {
            Invoices = new[]
            {
                new
                {
                    Type = "ACCREC",
                    Contact = new { ContactID = draft.ContactId },
                    Date = draft.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    Status = "DRAFT",
                    LineAmountTypes = "Exclusive",
                    draft.Reference,
                    CurrencyCode = draft.Currency,
                    LineItems = draft.Lines.Select(line => new
                    {
                        line.Description,
                        line.Quantity,
                        line.UnitAmount,
                        line.AccountCode,
                        line.TaxType,
                    }),
                },
            },
        };
        using var response = await SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Put, address) { Content = JsonContent.Create(body, options: XeroWriteJson) };
            request.Headers.Add(IdempotencyKeyHeader, idempotencyKey);
            return request;
        }, status => (int)status is >= 400 and < 500, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var refusal = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new XeroInvoiceRefusedException((int)response.StatusCode, XeroInvoiceRefusedException.MessagesOf(refusal));
        }
        var created = await response.Content.ReadFromJsonAsync<InvoicesEnvelope>(Json, cancellationToken);
        var invoice = created?.Invoices is [var first, ..] ? first.Deserialize<InvoiceDocument>(Json) : null;
        return invoice?.InvoiceID is { } invoiceId
            ? new XeroCreatedInvoice(invoiceId, invoice.InvoiceNumber, invoice.Status ?? "DRAFT")
            : throw new XeroPayloadException("Invoices", 0, "Invoices[0].InvoiceID", "is missing from the created invoice");
    }

    public const string IdempotencyKeyHeader = "Idempotency-Key";

    // Xero's request bodies use its PascalCase names as written; an absent optional field (AccountCode, TaxType) is left
    // out, so Xero applies its default.
    private static readonly JsonSerializerOptions XeroWriteJson = new()
    {
        PropertyNamingPolicy = null,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };
}

/// <summary>A <see cref="XeroApiClient"/> over the connector's resilient pipeline.</summary>
public sealed class XeroApiClientFactory(IHttpClientFactory httpClients, IOptions<XeroConnectorOptions> options, TimeProvider clock,
    XeroRateGate gate)
{
    public XeroApiClient Create(XeroApp app, Guid tenantId, XeroAccessTokens tokens) =>
        new(httpClients.CreateClient(XeroConnectorRegistration.ApiPipeline), app, tenantId, tokens, options.Value.PageSize, clock,
            gate);
}
