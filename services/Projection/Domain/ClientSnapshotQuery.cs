using BillingOne.BuildingBlocks.Paging;

namespace BillingOne.Projection.Domain;

public enum ClientSnapshotSortField
{
    Mrr,
    Name,
    Subscriptions,
    Devices,
    Licenses,
    Variance,
    TotalSpend,
}

/// <summary>
/// A validated request for a page of the Clients screen. <see cref="Disabled"/> lists the disabled clients only: they
/// have a filter of their own, and a status filter lists enabled clients only, so the filters add up to all
/// (docs/domain.md, "One figure, one definition").
/// </summary>
public sealed record ClientSnapshotQuery(
    string? Search,
    ClientBillingStatus? Status,
    bool Disabled,
    ClientSnapshotSortField Sort,
    SortDirection Direction,
    PageRequest Page)
{
    public const int MaxSearchLength = 200;

    /// <summary>The <c>status</c> value that lists the disabled clients.</summary>
    public const string DisabledFilter = "disabled";

    /// <summary>
    /// Reads <c>search</c> (name contains, any case), <c>status</c> (one of the status codes, or <c>disabled</c>;
    /// absent = all),
    /// <c>sort</c> (<c>mrr</c> default, <c>name</c>, <c>subscriptions</c>, <c>devices</c>, <c>licenses</c>,
    /// <c>variance</c>, <c>totalSpend</c>),
    /// <c>direction</c> (figures default to descending so the largest come first, names to ascending),
    /// <c>page</c> and <c>pageSize</c>. Errors are keyed by the parameter they concern.
    /// </summary>
    public static ClientSnapshotQuery? Parse(string? search, string? status, string? sort, string? direction,
        int? page, int? pageSize, IDictionary<string, string[]> errors)
    {
        var trimmedSearch = QueryValues.ParseText(search, "search", MaxSearchLength, errors);

        ClientBillingStatus? statusFilter = null;
        var disabled = string.Equals(status?.Trim(), DisabledFilter, StringComparison.OrdinalIgnoreCase);
        if (!string.IsNullOrWhiteSpace(status) && !disabled)
        {
            statusFilter = ClientBillingStatuses.FromCode(status.Trim());
            if (statusFilter is null)
            {
                errors["status"] = [$"status must be one of {string.Join(", ", ClientBillingStatuses.AllCodes.Append(DisabledFilter).Select(code => $"'{code}'"))}."];
            }
        }

        var sortField = QueryValues.ParseChoice(sort, "sort", ClientSnapshotSortField.Mrr, errors);
        var defaultDirection = sortField == ClientSnapshotSortField.Name ? SortDirection.Ascending : SortDirection.Descending;
        var sortDirection = SortDirections.Parse(direction, defaultDirection, errors);
        var pageRequest = PageRequest.Parse(page, pageSize, errors);

        return errors.Count == 0
            ? new ClientSnapshotQuery(trimmedSearch, statusFilter, disabled, sortField, sortDirection, pageRequest)
            : null;
    }
}
