using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace BillingOne.Subscription.Connectors.Pax8;

/// <summary>
/// Reads the Pax8 partner API page by page. Authentication (<see cref="BillingOne.BuildingBlocks.Http.OAuth.BearerTokenHandler{TTokenSource}"/>), retries of
/// 429/5xx and timeouts live in the HttpClient's handlers; this class pages and validates. Each page is checked
/// as a whole before it is handed out: its metadata must agree with the request and with the first page's
/// totals (a list that changes mid-read would skip or repeat items), and every item must be complete, otherwise
/// a <see cref="Pax8PayloadException"/> stops the enumeration.
/// </summary>
/// <param name="http">Authenticated for one organization's credentials (<see cref="Pax8ClientFactory"/>); owned and disposed here.</param>
public sealed class Pax8Client(HttpClient http, int pageSize) : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new Pax8DateTimeConverter() },
    };

    public IAsyncEnumerable<Pax8Page<Pax8Company>> ReadCompaniesAsync(CancellationToken cancellationToken = default) =>
        ReadPagesAsync<CompanyDocument, Pax8Company>("companies", "", Pax8ItemValidation.Company, item => item.Id, cancellationToken);

    public IAsyncEnumerable<Pax8Page<Pax8Product>> ReadProductsAsync(CancellationToken cancellationToken = default) =>
        ReadPagesAsync<ProductDocument, Pax8Product>("products", "", Pax8ItemValidation.Product, item => item.Id, cancellationToken);

    /// <summary>All subscriptions, or only <paramref name="companyId"/>'s.</summary>
    public IAsyncEnumerable<Pax8Page<Pax8Subscription>> ReadSubscriptionsAsync(
        Guid? companyId = null, CancellationToken cancellationToken = default) =>
        ReadPagesAsync<SubscriptionDocument, Pax8Subscription>("subscriptions",
            companyId is { } id ? $"&companyId={id}" : "", Pax8ItemValidation.Subscription, item => item.Id, cancellationToken);

    /// <summary>
    /// One subscription (<c>GET /v1/subscriptions/{id}</c>), validated like a listed one; null when Pax8 answers 404,
    /// i.e. it no longer has it.
    /// </summary>
    public async Task<Pax8Subscription?> ReadSubscriptionAsync(Guid id, CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync($"v1/subscriptions/{id}", cancellationToken);
        return await SubscriptionAnswerAsync(response, id, cancellationToken);
    }

    /// <summary>
    /// Sets <paramref name="subscription"/>'s quantity (<c>PUT /v1/subscriptions/{id}</c>, restating its billing term
    /// and start date as Pax8 requires) and answers the subscription as Pax8 returns it; null when Pax8 answers 404.
    /// A refusal throws <see cref="HttpRequestException"/> with the status and Pax8's explanation; 429 and 5xx have
    /// been retried by then (an update to the same quantity is idempotent).
    /// </summary>
    public async Task<Pax8Subscription?> UpdateQuantityAsync(Pax8Subscription subscription, int quantity,
        CancellationToken cancellationToken = default)
    {
        var update = new SubscriptionUpdateDocument(quantity, Pax8ItemValidation.NameOf(subscription.BillingTerm),
            subscription.StartDate);
        using var response = await http.PutAsJsonAsync($"v1/subscriptions/{subscription.Id}", update, Json, cancellationToken);
        return await SubscriptionAnswerAsync(response, subscription.Id, cancellationToken);
    }

    /// <summary>The subscription a single-subscription answer carries, validated; null for 404.</summary>
    private static async Task<Pax8Subscription?> SubscriptionAnswerAsync(HttpResponseMessage response, Guid id,
        CancellationToken cancellationToken)
    {
        var resource = $"subscriptions/{id}";
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        if (!response.IsSuccessStatusCode)
        {
            var explanation = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException(
                $"Pax8 answered {(int)response.StatusCode} for {resource}: {Shortened(explanation)}", null, response.StatusCode);
        }
        SubscriptionDocument? document;
        try
        {
            document = await response.Content.ReadFromJsonAsync<SubscriptionDocument>(Json, cancellationToken);
        }
        catch (JsonException exception)
        {
            throw new Pax8PayloadException(resource, 0, exception.Path ?? "$", $"cannot be read: {exception.Message}");
        }
        var subscription = Pax8ItemValidation.Subscription(
            document ?? throw new Pax8PayloadException(resource, 0, "$", "is null instead of a subscription"),
            new ItemPath(resource, 0, 0));
        return subscription.Id == id
            ? subscription
            : throw new Pax8PayloadException(resource, 0, "id", $"is {subscription.Id}, requested {id}");
    }

    /// <summary>
    /// An error body short enough to keep as a reason a person reads: a JSON error's own words (<c>detail</c>,
    /// <c>message</c>, then <c>title</c>), else the body as it came.
    /// </summary>
    private static string Shortened(string text)
    {
        var reason = ErrorWords(text) ?? text;
        return reason.Length <= 500 ? reason : reason[..500] + "…";
    }

    private static string? ErrorWords(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind != JsonValueKind.Object
                ? null
                : new[] { "detail", "message", "title" }
                    .Select(name => document.RootElement.TryGetProperty(name, out var value)
                        && value.ValueKind == JsonValueKind.String ? value.GetString() : null)
                    .FirstOrDefault(words => !string.IsNullOrWhiteSpace(words));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async IAsyncEnumerable<Pax8Page<TItem>> ReadPagesAsync<TDocument, TItem>(
        string resource, string filter, Func<TDocument, ItemPath, TItem> validate, Func<TDocument, Guid?> idOf,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var size = pageSize;
        int? firstTotal = null;
        for (var number = 0; ; number++)
        {
            var document = await GetPageAsync<TDocument>(resource, number, size, filter, cancellationToken);
            var metadata = CheckMetadata(document, resource, number, size, firstTotal);
            firstTotal = metadata.TotalElements;
            // One item Pax8 sent that cannot be used (an unknown billing term, a missing field) is left out and named;
            // the rest of the page is used.
            var items = new List<TItem>(document.Content!.Count);
            var skipped = new List<Pax8SkippedItem>();
            for (var index = 0; index < document.Content.Count; index++)
            {
                var item = document.Content[index];
                try
                {
                    items.Add(item is null
                        ? throw new ItemPath(resource, number, index).Invalid("", "is null")
                        : validate(item, new ItemPath(resource, number, index)));
                }
                catch (Pax8PayloadException malformed)
                {
                    skipped.Add(new Pax8SkippedItem(resource, item is null ? null : idOf(item), number, malformed.Field,
                        malformed.Reason));
                }
            }
            yield return new Pax8Page<TItem>(number, metadata.TotalPages, metadata.TotalElements, items, skipped);
            if (number + 1 >= metadata.TotalPages)
            {
                yield break;
            }
        }
    }

    private async Task<PageDocument<TDocument>> GetPageAsync<TDocument>(
        string resource, int number, int size, string filter, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"v1/{resource}?page={number}&size={size}{filter}", cancellationToken);
        response.EnsureSuccessStatusCode();
        try
        {
            return await response.Content.ReadFromJsonAsync<PageDocument<TDocument>>(Json, cancellationToken)
                ?? throw new Pax8PayloadException(resource, number, "$", "is null instead of a page");
        }
        catch (JsonException exception)
        {
            throw new Pax8PayloadException(resource, number, exception.Path ?? "$",
                $"cannot be read: {exception.Message}");
        }
    }

    /// <summary>The page's metadata, once it agrees with the request, with itself and with the first page.</summary>
    private static (int TotalElements, int TotalPages) CheckMetadata<TDocument>(
        PageDocument<TDocument> document, string resource, int number, int size, int? firstTotal)
    {
        Pax8PayloadException Inconsistent(string field, string reason) => new(resource, number, field, reason);

        var content = document.Content ?? throw Inconsistent("content", "is missing");
        var page = document.Page ?? throw Inconsistent("page", "is missing");
        if (page.Number != number)
        {
            throw Inconsistent("page.number", $"is {page.Number?.ToString() ?? "missing"}, requested {number}");
        }
        if (page.Size != size)
        {
            throw Inconsistent("page.size", $"is {page.Size?.ToString() ?? "missing"}, requested {size}");
        }
        if (page.TotalElements is not >= 0 || page.TotalPages is not >= 0)
        {
            throw Inconsistent("page.totalElements", "and page.totalPages must be present and not negative");
        }
        var total = page.TotalElements.Value;
        var expectedPages = (int)((total + (long)size - 1) / size);
        if (page.TotalPages != expectedPages)
        {
            throw Inconsistent("page.totalPages", $"is {page.TotalPages}, but {total} items make {expectedPages} pages of {size}");
        }
        if (firstTotal is { } first && first != total)
        {
            throw Inconsistent("page.totalElements", $"changed from {first} to {total} while paging: the list changed mid-read");
        }
        var expectedItems = (int)Math.Clamp(total - (long)number * size, 0, size);
        if (content.Count != expectedItems)
        {
            throw Inconsistent("content", $"holds {content.Count} items, the page metadata says {expectedItems}");
        }
        return (total, expectedPages);
    }

    public void Dispose() => http.Dispose();
}
