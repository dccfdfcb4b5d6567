using BillingOne.BuildingBlocks.Paging;

namespace BillingOne.Projection.Domain;

public enum OverUnderClientSortField
{
    Client,
    FinalCost,
    VsCommit,
    Overage,
    Buffer,
}

/// <summary>A validated request for the Over/Under screen's per-client rows (a page of them, or all for the export).</summary>
/// <param name="Period">Null for the latest finalized period.</param>
/// <param name="Status">One of <see cref="ClientCommitStatuses.Filters"/>; null for every client.</param>
/// <param name="Page">Null for every row (the export).</param>
public sealed record OverUnderClientQuery(
    BillingMonth? Period,
    string? Status,
    string? Search,
    OverUnderClientSortField Sort,
    SortDirection Direction,
    PageRequest? Page)
{
    public const int MaxSearchLength = 200;

    private static readonly Dictionary<string, OverUnderClientSortField> SortFields = new(StringComparer.OrdinalIgnoreCase)
    {
        ["client"] = OverUnderClientSortField.Client,
        ["final-cost"] = OverUnderClientSortField.FinalCost,
        ["vs-commit"] = OverUnderClientSortField.VsCommit,
        ["overage"] = OverUnderClientSortField.Overage,
        ["buffer"] = OverUnderClientSortField.Buffer,
    };

    /// <summary>
    /// Reads <c>period</c> (YYYY-MM), <c>status</c> (<c>over-commit</c>, <c>under-commit</c> or <c>mixed</c>; absent =
    /// all), <c>search</c> (client name contains, any case), <c>sort</c> (<c>client</c> default, <c>final-cost</c>,
    /// <c>vs-commit</c>, <c>overage</c>, <c>buffer</c>), <c>direction</c> (the client's name defaults to ascending,
    /// figures to descending) and, when <paramref name="paged"/>, <c>page</c> and <c>pageSize</c>. Errors are keyed by
    /// the parameter they concern.
    /// </summary>
    public static OverUnderClientQuery? Parse(string? period, string? status, string? search, string? sort,
        string? direction, int? page, int? pageSize, bool paged, IDictionary<string, string[]> errors)
    {
        var month = BillingMonth.Parse(period, "period", errors);
        string? statusFilter = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            statusFilter = ClientCommitStatuses.Filters.FirstOrDefault(code =>
                string.Equals(code, status.Trim(), StringComparison.OrdinalIgnoreCase));
            if (statusFilter is null)
            {
                errors["status"] = [$"status must be one of {Listed(ClientCommitStatuses.Filters)}."];
            }
        }
        var trimmedSearch = QueryValues.ParseText(search, "search", MaxSearchLength, errors);
        var sortField = OverUnderClientSortField.Client;
        if (!string.IsNullOrWhiteSpace(sort) && !SortFields.TryGetValue(sort.Trim(), out sortField))
        {
            errors["sort"] = [$"sort must be one of {Listed(SortFields.Keys)}."];
        }
        var sortDirection = SortDirections.Parse(direction,
            sortField == OverUnderClientSortField.Client ? SortDirection.Ascending : SortDirection.Descending, errors);
        var pageRequest = paged ? PageRequest.Parse(page, pageSize, errors) : null;
        return errors.Count == 0
            ? new OverUnderClientQuery(month, statusFilter, trimmedSearch, sortField, sortDirection, pageRequest)
            : null;
    }

    private static string Listed(IEnumerable<string> codes) => string.Join(", ", codes.Select(code => $"'{code}'"));
}

/// <summary>A validated request for the Right-Size Candidates: the clients paying most for capacity they do not use.</summary>
/// <param name="Period">Null for the latest finalized period.</param>
/// <param name="UnitType">Keeps the buckets of one unit type (its key); null for all.</param>
/// <param name="Limit">How many candidates; null for all (the export).</param>
public sealed record RightSizeQuery(BillingMonth? Period, string? UnitType, int? Limit)
{
    public const int DefaultLimit = 10;
    public const int MaxLimit = 100;
    public const int MaxUnitTypeLength = 200;

    /// <summary>
    /// Reads <c>period</c> (YYYY-MM), <c>unitType</c> (a unit type's key) and, when <paramref name="limited"/>,
    /// <c>limit</c> (1–<see cref="MaxLimit"/>, default <see cref="DefaultLimit"/>).
    /// </summary>
    public static RightSizeQuery? Parse(string? period, string? unitType, int? limit, bool limited,
        IDictionary<string, string[]> errors)
    {
        var month = BillingMonth.Parse(period, "period", errors);
        var key = QueryValues.ParseText(unitType, "unitType", MaxUnitTypeLength, errors);
        var count = limited ? QueryValues.WithinBounds(limit, "limit", 1, MaxLimit, errors) ?? DefaultLimit : (int?)null;
        return errors.Count == 0 ? new RightSizeQuery(month, key, count) : null;
    }
}

/// <summary>How many finalized periods the Over/Under trend covers.</summary>
public static class OverUnderTrendPeriods
{
    public const int Default = 12;
    public const int Max = 36;

    /// <summary>Reads <c>periods</c>: 1–<see cref="Max"/>, default <see cref="Default"/>.</summary>
    public static int Parse(int? periods, IDictionary<string, string[]> errors) =>
        QueryValues.WithinBounds(periods, "periods", 1, Max, errors) ?? Default;
}
