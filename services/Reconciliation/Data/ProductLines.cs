using System.Text.Json;
using BillingOne.Contracts.Events;
using BillingOne.Reconciliation.Domain;

namespace BillingOne.Reconciliation.Data;

/// <summary>The jsonb columns of coverage per product: a client's covering products and its comparison per product.</summary>
public static class ProductLines
{
    /// <summary>The product a copy from a publisher before products existed stands for: its device licences, covering all devices.</summary>
    public const string LegacyProductName = "Device licences";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Serialize(IReadOnlyList<ProductComparison> products) => JsonSerializer.Serialize(products, Json);

    public static string Serialize(IReadOnlyList<CoveringProduct>? products) => JsonSerializer.Serialize(products, Json);

    public static IReadOnlyList<ProductComparison> Comparisons(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize<List<ProductComparison>>(json, Json) ?? [];

    /// <summary>Whether two stored comparisons hold the same products and figures (jsonb may reorder keys).</summary>
    public static bool Same(string left, string right) => Comparisons(left).SequenceEqual(Comparisons(right));

    /// <summary>
    /// A client's covering products from its copy. Without products (a publisher before they existed) its device
    /// licences count as one product covering all devices, at its device-licence price.
    /// </summary>
    public static IReadOnlyList<CoveringProduct> Licences(string? products, int deviceLicenses, decimal? deviceLicenseUnitPrice,
        string? currency) => products is not null && JsonSerializer.Deserialize<List<CoveringProduct>>(products, Json) is { } listed
        ? listed
        : deviceLicenses > 0
            ? [new CoveringProduct(Guid.Empty, LegacyProductName, ProductCoverages.Devices, deviceLicenses,
                deviceLicenseUnitPrice, currency)]
            : [];
}
