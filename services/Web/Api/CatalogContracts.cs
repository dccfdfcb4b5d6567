using System.Globalization;
using System.Text.RegularExpressions;

namespace BillingOne.Web.Api;

// The web UI's view of the subscription service's product catalog (what a licence counts):
//   GET    /api/subscription/catalog?search=&licenceUnit=&page=&pageSize= -> PagedList<CatalogProduct>
//   PUT    /api/subscription/catalog/{productId} { licenceUnit, unitPrice, covers } -> CatalogProduct (400 naming the field)
//   DELETE /api/subscription/catalog/{productId}                           -> 204, back to Pax8's default
//   POST   /api/subscription/catalog/import  text/csv (product_id,covers[,monthly_unit_price]) -> CatalogImport
//          (all rows or none; a bad row is a 400 keyed rows[line].column, a bad file one keyed file)

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

/// <param name="Products">Products whose mapping the file set.</param>
public sealed record CatalogImport(int Products);

/// <summary>The catalog import's file: its columns, and how the service names a problem with one of its rows.</summary>
public static partial class CatalogImportFile
{
    public const string Path = "api/subscription/catalog/import";
    public const string ProductColumn = "product_id";
    public const string CoversColumn = "covers";
    public const string PriceColumn = "monthly_unit_price";
    public static readonly string Header = $"{ProductColumn},{CoversColumn},{PriceColumn}";

    /// <summary>The service's limit; a larger file is refused before it is sent.</summary>
    public const int MaxRows = 10_000;

    /// <summary>The gateway's and the service's request body limit (1 MiB).</summary>
    public const long MaxFileBytes = 1024 * 1024;

    /// <summary>The line and column of a validation problem's key <c>rows[3].covers</c>; null for another key (<c>file</c>).</summary>
    public static (int Line, string Column)? RowOf(string errorKey) =>
        RowKey().Match(errorKey) is { Success: true } match
            ? (int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture), match.Groups[2].Value)
            : null;

    /// <summary>
    /// What the file holds as the confirmation names it: its data rows (records after the header, blank lines not
    /// counted, a line break inside quotes no new row) and the import's columns its header lacks. The service still
    /// checks every value; this only catches a file that cannot be an import before it is sent.
    /// </summary>
    public static (int Rows, IReadOnlyList<string> MissingColumns) Inspect(string csv)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var records = Records(csv.TrimStart('\uFEFF')).Where(record => record.Trim().Length > 0).ToList();
        if (records.Count == 0)
        {
            return (0, [ProductColumn, CoversColumn]);
        }

        var columns = records[0].Split(',').Select(name => name.Trim().Trim('"').Trim().ToLowerInvariant()).ToHashSet();
        return (records.Count - 1, [.. new[] { ProductColumn, CoversColumn }.Where(column => !columns.Contains(column))]);
    }

    private static IEnumerable<string> Records(string csv)
    {
        var start = 0;
        var quoted = false;
        for (var i = 0; i < csv.Length; i++)
        {
            if (csv[i] == '"')
            {
                quoted = !quoted;
            }
            else if (csv[i] == '\n' && !quoted)
            {
                yield return csv[start..i];
                start = i + 1;
            }
        }

        yield return csv[start..];
    }

    [GeneratedRegex(@"^rows\[(\d+)\]\.(.+)$")]
    private static partial Regex RowKey();
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
