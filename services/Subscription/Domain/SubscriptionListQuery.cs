using BillingOne.BuildingBlocks.Paging;
using BillingOne.Subscription.Connectors.Pax8;

namespace BillingOne.Subscription.Domain;

public enum SubscriptionSortField
{
    Client,
    Product,
    Quantity,
    Price,
    Status,
    StartDate,
}

/// <summary>A validated request for subscriptions: a page of the list or the whole filtered list for export.</summary>
public sealed record SubscriptionListQuery(
    string? Search,
    string? Status,
    Guid? ClientId,
    SubscriptionSortField Sort,
    SortDirection Direction,
    PageRequest Page)
{
    public const int MaxSearchLength = 200;

    /// <summary>The statuses as the API writes them: <c>active</c>, <c>cancelled</c>, <c>pending-manual</c>, …</summary>
    public static readonly IReadOnlyList<string> Statuses =
        [.. Enum.GetValues<Pax8SubscriptionStatus>().Select(KebabNames.Of)];

    /// <summary>
    /// Reads <c>search</c> (client name, product or subscription id, any part, any case), <c>status</c>,
    /// <c>clientId</c>, <c>sort</c> (default client), <c>direction</c>, <c>page</c> and <c>pageSize</c>; errors are keyed
    /// by the parameter.
    /// </summary>
    public static SubscriptionListQuery? Parse(string? search, string? status, string? clientId, string? sort,
        string? direction, int? page, int? pageSize, IDictionary<string, string[]> errors)
    {
        var text = QueryValues.ParseText(search, "search", MaxSearchLength, errors);
        var statusText = QueryValues.ParseText(status, "status", 40, errors)?.ToLowerInvariant();
        if (statusText is not null && !Statuses.Contains(statusText))
        {
            errors["status"] = [$"status must be one of {string.Join(", ", Statuses)}."];
        }
        var client = QueryValues.ParseGuid(clientId, "clientId", errors);
        var sortField = QueryValues.ParseChoice(sort, "sort", SubscriptionSortField.Client, errors);
        var sortDirection = SortDirections.Parse(direction, SortDirection.Ascending, errors);
        var pageRequest = PageRequest.Parse(page, pageSize, errors);
        return errors.Count == 0
            ? new SubscriptionListQuery(text, statusText, client, sortField, sortDirection, pageRequest)
            : null;
    }
}
