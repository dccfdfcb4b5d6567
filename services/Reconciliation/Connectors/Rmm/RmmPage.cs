using System.Net.Http.Json;
using System.Text.Json;

namespace BillingOne.Reconciliation.Connectors.Rmm;

/// <summary>
/// One page of one paged RMM resource: reads it and names it in every rejection. Items unusable on their own are left
/// out into <paramref name="skipped"/> (<see cref="UsableItem{T}"/>), the connector's <see cref="IRmmConnector.Skipped"/>.
/// </summary>
public sealed class RmmPage(RmmVendor vendor, string resource, int number, ICollection<RmmSkippedItem> skipped)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public int Number { get; } = number;

    public async Task<T> ReadAsync<T>(HttpClient http, string requestUri, CancellationToken cancellationToken)
        where T : class
    {
        using var response = await http.GetAsync(requestUri, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken)
                ?? throw Reject("$", "is null");
        }
        catch (JsonException exception)
        {
            throw Reject(exception.Path ?? "$", "does not parse as the documented type");
        }
    }

    public T Required<T>(T? value, string field) where T : struct =>
        value ?? throw Reject(field, "is missing");

    public string RequiredText(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw Reject(field, "is missing or empty") : value;

    public T RequiredItem<T>(T? item, string field) where T : class =>
        item ?? throw Reject(field, "is missing or null");

    /// <summary>
    /// What <paramref name="read"/> makes of one item, or null when a field of that item alone is unusable (it throws a
    /// rejection of this page): the item is then left out and recorded as <paramref name="what"/> (the vendor's name and
    /// id of it) with the field, the reason and <paramref name="where"/>, and the rest of the page is kept.
    /// </summary>
    public T? UsableItem<T>(string what, string where, Func<T> read) where T : class
    {
        try
        {
            return read();
        }
        catch (RmmPageRejectedException unusable) when (unusable.PageNumber == Number && unusable.Resource == resource)
        {
            skipped.Add(new RmmSkippedItem(what, $"'{unusable.Field}' {unusable.Reason} ({where})"));
            return null;
        }
    }

    public RmmPageRejectedException Reject(string field, string reason) => new(vendor, resource, Number, field, reason);
}
