using System.Net.Http.Json;
using System.Text.Json;

namespace BillingOne.Reconciliation.Connectors.Rmm;

/// <summary>One page of one paged RMM resource: reads it and names it in every rejection.</summary>
public sealed class RmmPage(RmmVendor vendor, string resource, int number)
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

    public RmmPageRejectedException Reject(string field, string reason) => new(vendor, resource, Number, field, reason);
}
