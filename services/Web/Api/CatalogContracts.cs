namespace BillingOne.Web.Api;

// The web UI's view of the subscription service's product catalog (what a licence counts):
//   GET    /api/subscription/catalog?search=&licenceUnit=&page=&pageSize= -> PagedList<CatalogProduct>
//   PUT    /api/subscription/catalog/{productId} { licenceUnit, unitPrice, covers } -> CatalogProduct (400 naming the field)
//   DELETE /api/subscription/catalog/{productId}                           -> 204, back to Pax8's default

/// <param name="LicenceUnit">One of <see cref="LicenceUnits"/> but <see cref="LicenceUnits.None"/>; null when a licence counts neither.</param>
/// <param name="Source">One of <see cref="CatalogSources"/>: Pax8's default, or changed by hand.</param>
/// <param name="Covers">What one licence covers (<see cref="ProductCoverages"/>); null when it counts as no licence.</param>
/// <param name="CoversSource">manual, pax8, or suggested (from the product's name: to review).</param>
public sealed record CatalogProduct(
    string ProductId,
    string Name,
    string? VendorName,
    string? Sku,
    string? LicenceUnit,
    decimal? UnitPrice,
    string? Currency,
    string Source,
    int ActiveSubscriptions,
    decimal ActiveQuantity,
    string? Covers = null,
    string? CoversSource = null)
{
    public const string SuggestedCoverage = "suggested";
}

/// <param name="LicenceUnit">One of <see cref="LicenceUnits"/>.</param>
/// <param name="Covers">For a per-device product, the device class it covers (<see cref="ProductCoverages.DeviceClasses"/>); null otherwise.</param>
public sealed record UpdateCatalogProductRequest(string LicenceUnit, decimal? UnitPrice, string? Covers = null)
{
    public const string LicenceUnitField = "licenceUnit";
    public const string UnitPriceField = "unitPrice";
    public const string CoversField = "covers";
    public static readonly string[] Fields = [LicenceUnitField, UnitPriceField, CoversField];
}

public static class LicenceUnits
{
    public const string Device = "device";
    public const string User = "user";
    public const string None = "none";

    public static readonly IReadOnlyList<string> All = [Device, User, None];

    /// <summary>A product's unit as the catalog answers it (null for none), as the select's value.</summary>
    public static string Of(string? licenceUnit) => licenceUnit is Device or User ? licenceUnit : None;

    public static string Label(string unit) => unit switch
    {
        Device => "Per device",
        User => "Per user",
        _ => "Neither",
    };
}

public static class CatalogSources
{
    public const string Pax8 = "pax8";
    public const string Manual = "manual";
}

/// <summary>Search, licence-unit filter and paging of <c>GET /api/subscription/catalog</c>.</summary>
public sealed record CatalogQuery(string? Search = null, string? LicenceUnit = null, int Page = 1, int PageSize = CatalogQuery.DefaultPageSize)
    : IPagedQuery<CatalogQuery>
{
    public const int DefaultPageSize = 25;
    public const string Path = "api/subscription/catalog";

    public CatalogQuery WithPage(int page) => this with { Page = page };

    public string ToRequestUri() => ApiQuery.Build(Path, ("search", Search), ("licenceUnit", LicenceUnit), ("page", Page),
        ("pageSize", PageSize));

    public static string ProductPath(string productId) => $"{Path}/{Uri.EscapeDataString(productId)}";
}
