using BillingOne.BuildingBlocks.Paging;

namespace BillingOne.Reconciliation.Domain;

public enum ClientReconciliationSortField
{
    Client,
    Devices,
    Licenses,
    Variance,
}

public enum MissedBillingSortField
{
    Amount,
    Client,
    Kind,
    Updated,
}

/// <summary>
/// A validated request for the client comparison list (a page, or for an export all of it). Without a sort it is by
/// variance, largest first, then by name; numbers sort largest first and names A–Z unless a direction is given.
/// </summary>
public sealed record ClientReconciliationListQuery(
    string? Search,
    string? Status,
    ClientReconciliationSortField Sort,
    SortDirection Direction,
    PageRequest? Page)
{
    public const int MaxSearchLength = 200;

    /// <summary>Reads the list's query parameters; <paramref name="paged"/> false (an export) ignores paging.</summary>
    public static ClientReconciliationListQuery? Parse(string? search, string? status, string? sort, string? direction,
        int? page, int? pageSize, bool paged, IDictionary<string, string[]> errors)
    {
        var trimmedSearch = QueryValues.ParseText(search, "search", MaxSearchLength, errors);
        var statusFilter = ListChoices.Parse(status, "status", ReconciliationStatuses.All, errors);
        var sortField = QueryValues.ParseChoice(sort, "sort", ClientReconciliationSortField.Variance, errors);
        var sortDirection = SortDirections.Parse(direction,
            sortField == ClientReconciliationSortField.Client ? SortDirection.Ascending : SortDirection.Descending, errors);
        var pageRequest = paged ? PageRequest.Parse(page, pageSize, errors) : null;
        return errors.Count == 0
            ? new ClientReconciliationListQuery(trimmedSearch, statusFilter, sortField, sortDirection, pageRequest)
            : null;
    }
}

/// <summary>
/// A validated request for the missed-billing list (a page, or for an export all of it). Without a sort it is by
/// amount, largest first; amounts and times sort newest/largest first and names A–Z unless a direction is given.
/// </summary>
/// <param name="FoundFrom">Only opportunities found on or after this day (UTC).</param>
/// <param name="FoundTo">Only opportunities found on or before this day (UTC).</param>
public sealed record MissedBillingListQuery(
    string? Kind,
    string? State,
    Guid? ClientId,
    string? Search,
    DateOnly? FoundFrom,
    DateOnly? FoundTo,
    MissedBillingSortField Sort,
    SortDirection Direction,
    PageRequest? Page)
{
    public const int MaxSearchLength = 200;

    public static MissedBillingListQuery? Parse(string? kind, string? state, string? clientId, string? search,
        string? from, string? to, string? sort, string? direction, int? page, int? pageSize, bool paged,
        IDictionary<string, string[]> errors)
    {
        var kindFilter = ListChoices.Parse(kind, "kind", MissedBillingKinds.All, errors);
        var stateFilter = ListChoices.Parse(state, "state", MissedBillingStates.All, errors);
        var client = QueryValues.ParseGuid(clientId, "clientId", errors);
        var trimmedSearch = QueryValues.ParseText(search, "search", MaxSearchLength, errors);
        var (foundFrom, foundTo) = QueryValues.ParseDayRange(from, to, errors);
        var sortField = QueryValues.ParseChoice(sort, "sort", MissedBillingSortField.Amount, errors);
        var sortDirection = SortDirections.Parse(direction,
            sortField is MissedBillingSortField.Amount or MissedBillingSortField.Updated
                ? SortDirection.Descending
                : SortDirection.Ascending, errors);
        var pageRequest = paged ? PageRequest.Parse(page, pageSize, errors) : null;
        return errors.Count == 0
            ? new MissedBillingListQuery(kindFilter, stateFilter, client, trimmedSearch, foundFrom, foundTo, sortField,
                sortDirection, pageRequest)
            : null;
    }
}

/// <summary>Filters whose values are spelled with hyphens (<c>under-licensed</c>), which enum names cannot be.</summary>
internal static class ListChoices
{
    public static string? Parse(string? value, string parameter, IReadOnlyList<string> choices,
        IDictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        var trimmed = value.Trim().ToLowerInvariant();
        if (choices.Contains(trimmed))
        {
            return trimmed;
        }
        errors[parameter] = [$"{parameter} must be one of {string.Join(", ", choices.Select(choice => $"'{choice}'"))}."];
        return null;
    }
}
