using System.Globalization;
using BillingOne.Web.Api;
using BillingOne.Web.Formatting;

namespace BillingOne.Web.ClientMappings;

/// <summary>
/// A mappings tab as CSV: each record, its client and how it was mapped, and its best suggestion. The first columns
/// are the import's (vendor, vendor_id, client) so an edited export can be imported again.
/// </summary>
public static class MappingCsv
{
    public static readonly string[] Header =
        ["vendor", "vendor_id", "client", "name", "method", "mapped_at", "suggestion", "suggestion_score"];

    public static Task WriteAsync(IEnumerable<VendorMapping> mappings, Stream destination, CancellationToken cancellationToken) =>
        SpreadsheetCsv.WriteAsync(Header, mappings, (csv, mapping) =>
        {
            var best = mapping.Suggestions.MaxBy(suggestion => suggestion.Score);
            csv.WriteField(mapping.Vendor);
            csv.WriteField(mapping.ExternalId);
            csv.WriteField(mapping.ClientName);
            csv.WriteField(mapping.Name);
            csv.WriteField(mapping.Method);
            csv.WriteField(mapping.MappedAt?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            csv.WriteField(best?.ClientName);
            csv.WriteField(best?.Score.ToString("0.###", CultureInfo.InvariantCulture));
        }, destination, cancellationToken);
}
