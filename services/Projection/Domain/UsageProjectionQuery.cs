using BillingOne.BuildingBlocks.Paging;

namespace BillingOne.Projection.Domain;

public enum UsageProjectionSortField
{
    ProjectedCost,
    PercentOfCommit,
    Client,
    Bucket,
}

/// <summary>A validated request for the Projections screen's rows (a page of them, or all for the export).</summary>
/// <param name="Page">Null for every row (the export and the summary).</param>
public sealed record UsageProjectionQuery(
    string? Search,
    Guid? ClientId,
    string? Status,
    UsageProjectionSortField Sort,
    SortDirection Direction,
    PageRequest? Page)
{
    public const int MaxSearchLength = 200;

    private static readonly Dictionary<string, UsageProjectionSortField> SortFields = new(StringComparer.OrdinalIgnoreCase)
    {
        ["projected-cost"] = UsageProjectionSortField.ProjectedCost,
        ["percent-of-commit"] = UsageProjectionSortField.PercentOfCommit,
        ["client"] = UsageProjectionSortField.Client,
        ["bucket"] = UsageProjectionSortField.Bucket,
    };

    public static IReadOnlyCollection<string> SortCodes => SortFields.Keys;

    /// <summary>
    /// Reads <c>search</c> (client or bucket name contains, any case), <c>clientId</c>, <c>status</c>
    /// (<c>over-commit</c> or <c>on-track</c>; absent = all), <c>sort</c> (<c>projected-cost</c> default,
    /// <c>percent-of-commit</c>, <c>client</c>, <c>bucket</c>), <c>direction</c> (figures default to descending, names
    /// to ascending) and, when <paramref name="paged"/>, <c>page</c> and <c>pageSize</c>. Errors are keyed by the
    /// parameter they concern.
    /// </summary>
    public static UsageProjectionQuery? Parse(string? search, string? clientId, string? status, string? sort,
        string? direction, int? page, int? pageSize, bool paged, IDictionary<string, string[]> errors)
    {
        var trimmedSearch = QueryValues.ParseText(search, "search", MaxSearchLength, errors);
        var client = QueryValues.ParseGuid(clientId, "clientId", errors);

        string? statusFilter = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            statusFilter = CommitStatuses.All.FirstOrDefault(code =>
                string.Equals(code, status.Trim(), StringComparison.OrdinalIgnoreCase));
            if (statusFilter is null)
            {
                errors["status"] = [$"status must be one of {string.Join(", ", CommitStatuses.All.Select(code => $"'{code}'"))}."];
            }
        }

        var sortField = UsageProjectionSortField.ProjectedCost;
        if (!string.IsNullOrWhiteSpace(sort) && !SortFields.TryGetValue(sort.Trim(), out sortField))
        {
            errors["sort"] = [$"sort must be one of {string.Join(", ", SortFields.Keys.Select(code => $"'{code}'"))}."];
        }
        var defaultDirection = sortField is UsageProjectionSortField.Client or UsageProjectionSortField.Bucket
            ? SortDirection.Ascending
            : SortDirection.Descending;
        var sortDirection = SortDirections.Parse(direction, defaultDirection, errors);
        var pageRequest = paged ? PageRequest.Parse(page, pageSize, errors) : null;

        return errors.Count == 0
            ? new UsageProjectionQuery(trimmedSearch, client, statusFilter, sortField, sortDirection, pageRequest)
            : null;
    }
}

/// <summary>A row of the Projections screen: a bucket's current period and its projection.</summary>
public sealed record UsageProjectionRow(
    Guid ClientId,
    string? ClientName,
    Guid BucketId,
    string BucketName,
    string UnitTypeKey,
    string Aggregation,
    string Currency,
    decimal CommitUnits,
    decimal CurrentUsage,
    decimal ProjectedUsage,
    decimal ProjectedCost,
    decimal? PercentOfCommit,
    string Status,
    string Method,
    int Year,
    int Month,
    DateTimeOffset CalculatedAt,
    bool Enabled,
    decimal BasePrice,
    decimal OveragePrice);
