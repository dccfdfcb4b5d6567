using BillingOne.BuildingBlocks.Paging;

namespace BillingOne.Projection.Domain;

/// <summary>
/// A validated request for a report's per-client table: the period, the column to sort by (one of the report's),
/// its direction, and a page (null for every row: the export).
/// </summary>
public sealed record ReportTableQuery(ReportPeriod Period, string Sort, SortDirection Direction, PageRequest? Page)
{
    /// <summary>The sort column every report table has: the client's name (ascending by default).</summary>
    public const string ClientSort = "client";

    /// <summary>
    /// Reads the period (<see cref="ReportPeriod.Parse"/>), <c>sort</c> (one of <paramref name="sorts"/>, default
    /// <paramref name="defaultSort"/>), <c>direction</c> (the name ascends by default, figures descend) and, when
    /// <paramref name="paged"/>, <c>page</c> and <c>pageSize</c>.
    /// </summary>
    public static ReportTableQuery? Parse(string? period, string? from, string? to, string? sort, string? direction,
        int? page, int? pageSize, bool paged, IReadOnlyList<string> sorts, string defaultSort,
        IDictionary<string, string[]> errors)
    {
        var parsed = ReportPeriod.Parse(period, from, to, errors);
        var column = string.IsNullOrWhiteSpace(sort)
            ? defaultSort
            : sorts.FirstOrDefault(name => string.Equals(name, sort.Trim(), StringComparison.OrdinalIgnoreCase));
        if (column is null)
        {
            errors["sort"] = [$"sort must be one of {string.Join(", ", sorts.Select(name => $"'{name}'"))}."];
        }
        var sortDirection = SortDirections.Parse(direction,
            column == ClientSort ? SortDirection.Ascending : SortDirection.Descending, errors);
        var pageRequest = paged ? PageRequest.Parse(page, pageSize, errors) : null;
        return errors.Count == 0 ? new ReportTableQuery(parsed!, column!, sortDirection, pageRequest) : null;
    }

    /// <summary>
    /// This query's page of <paramref name="rows"/> sorted by its column (<paramref name="figure"/> reads a figure
    /// column; the name, then the currency and the client id break ties so pages never overlap).
    /// </summary>
    public PagedResult<T> PageOf<T>(IReadOnlyList<T> rows, Func<T, string, decimal?> figure, Func<T, string> name,
        Func<T, string> currency, Func<T, Guid?> clientId)
    {
        IOrderedEnumerable<T> ordered = Sort == ClientSort
            ? Direction == SortDirection.Ascending
                ? rows.OrderBy(row => name(row), StringComparer.OrdinalIgnoreCase)
                : rows.OrderByDescending(row => name(row), StringComparer.OrdinalIgnoreCase)
            : Direction == SortDirection.Ascending
                ? rows.OrderBy(row => figure(row, Sort))
                : rows.OrderByDescending(row => figure(row, Sort));
        var sorted = ordered.ThenBy(row => name(row), StringComparer.OrdinalIgnoreCase)
            .ThenBy(row => currency(row), StringComparer.Ordinal).ThenBy(row => clientId(row)).ToList();
        var page = Page ?? new PageRequest(1, Math.Max(sorted.Count, 1));
        return new PagedResult<T>([.. sorted.Skip((int)page.Offset).Take(page.PageSize)], page.Page, page.PageSize,
            sorted.Count);
    }
}
