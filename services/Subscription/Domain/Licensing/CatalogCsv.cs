using System.Globalization;
using BillingOne.Subscription.Domain.Mapping;

namespace BillingOne.Subscription.Domain.Licensing;

/// <summary>One row of a catalog import: the product and the mapping to set, with the line it came from.</summary>
public sealed record CatalogCsvRow(int LineNumber, Guid ProductId, CatalogOverride Change);

/// <summary>The rows of a catalog import, or every problem found, keyed <c>file</c> or <c>rows[line].column</c>.</summary>
public sealed record CatalogCsvParseResult(IReadOnlyList<CatalogCsvRow> Rows, IReadOnlyDictionary<string, string[]> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Reads a catalog import: a CSV file with the header <c>product_id,covers</c> and optionally <c>monthly_unit_price</c>
/// (any case, any order; other columns, such as a product name, are ignored), one product per row. <c>covers</c> is
/// what one licence covers — workstations, servers, devices (all), users or none — as the catalog API takes it
/// (docs/domain.md "Licences: coverage per product"); <c>monthly_unit_price</c> is the monthly price of one unit, blank
/// for Pax8's. Every row is checked as the API checks one change; a problem names its line and column.
/// </summary>
public static class CatalogCsv
{
    public const int MaxRows = 10_000;

    public const string ProductColumn = "product_id";
    public const string CoversColumn = "covers";
    public const string PriceColumn = "monthly_unit_price";

    public static CatalogCsvParseResult Parse(byte[] file)
    {
        var (reader, error) = CsvText.Decode(file);
        return reader is null ? Failure(error!) : Parse(reader);
    }

    public static CatalogCsvParseResult Parse(TextReader reader)
    {
        var records = new CsvRecordReader(reader);
        var header = records.NextNonBlank();
        if (header is null)
        {
            return Failure(records.Error ?? $"The file is empty: the first line must be the header {ProductColumn},{CoversColumn},{PriceColumn}.");
        }
        var columns = header.Fields.Select(name => name.Trim().ToLowerInvariant()).ToList();
        if (!columns.Contains(ProductColumn) || !columns.Contains(CoversColumn))
        {
            return Failure($"Line {header.LineNumber}: the header must name the columns {ProductColumn} and {CoversColumn} " +
                $"({PriceColumn} may follow).");
        }
        var (product, covers, price) = (columns.IndexOf(ProductColumn), columns.IndexOf(CoversColumn), columns.IndexOf(PriceColumn));
        var rows = new List<CatalogCsvRow>();
        var errors = new Dictionary<string, string[]>();
        var seen = new Dictionary<Guid, int>();
        while (records.NextNonBlank() is { } record)
        {
            if (rows.Count + errors.Count >= MaxRows)
            {
                return Failure($"The file has more than {MaxRows} rows: split it into files of at most {MaxRows}.");
            }
            var line = record.LineNumber;
            var rowErrors = new Dictionary<string, string[]>();
            if (!Guid.TryParse(record.Value(product), out var productId))
            {
                rowErrors[ProductColumn] = [$"Line {line}: {ProductColumn} '{record.Value(product)}' is not a product id."];
            }
            else if (seen.TryGetValue(productId, out var earlier))
            {
                rowErrors[ProductColumn] = [$"Line {line}: product {productId} is already set on line {earlier}."];
            }
            seen.TryAdd(productId, line);
            decimal? unitPrice = null;
            if (record.Value(price) is { Length: > 0 } priceText)
            {
                if (decimal.TryParse(priceText, NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed))
                {
                    unitPrice = parsed;
                }
                else
                {
                    rowErrors[PriceColumn] = [$"Line {line}: {PriceColumn} '{priceText}' is not a number (e.g. 12.50)."];
                }
            }
            var changeErrors = new Dictionary<string, string[]>();
            var change = CatalogOverride.Create(null, unitPrice, record.Value(covers), changeErrors);
            foreach (var (member, messages) in changeErrors)
            {
                // covers alone says the unit, so a missing unit is a missing covers.
                rowErrors.TryAdd(member == "unitPrice" ? PriceColumn : CoversColumn, [.. messages.Select(message =>
                    $"Line {line}: {(member == "unitPrice" ? PriceColumn : CoversColumn)}: {message}")]);
            }
            foreach (var (column, messages) in rowErrors)
            {
                errors[$"rows[{line}].{column}"] = messages;
            }
            if (rowErrors.Count == 0)
            {
                rows.Add(new CatalogCsvRow(line, productId, change!));
            }
        }
        if (records.Error is not null)
        {
            return Failure(records.Error);
        }
        return new CatalogCsvParseResult(errors.Count == 0 ? rows : [], errors);
    }

    private static CatalogCsvParseResult Failure(string error) =>
        new([], new Dictionary<string, string[]> { ["file"] = [error] });
}
