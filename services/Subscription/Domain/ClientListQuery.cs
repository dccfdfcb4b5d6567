using BillingOne.BuildingBlocks.Paging;

namespace BillingOne.Subscription.Domain;

public enum ClientSortField
{
    Name,
    CreatedAt,
    UpdatedAt,
}

/// <summary>A validated request for a page of the client list.</summary>
public sealed record ClientListQuery(string? Search, ClientSortField Sort, SortDirection Direction, PageRequest Page)
{
    public const int MaxSearchLength = ClientName.MaxLength;

    /// <summary>
    /// Reads the list's query parameters: <c>search</c> (name contains, any case), <c>sort</c>
    /// (<c>name</c> | <c>createdAt</c> | <c>updatedAt</c>, default name), <c>direction</c> (<c>asc</c> | <c>desc</c>,
    /// default asc), <c>page</c> and <c>pageSize</c>. Errors are keyed by the parameter they concern.
    /// </summary>
    public static ClientListQuery? Parse(string? search, string? sort, string? direction, int? page, int? pageSize,
        IDictionary<string, string[]> errors)
    {
        var trimmedSearch = QueryValues.ParseText(search, "search", MaxSearchLength, errors);
        var sortField = QueryValues.ParseChoice(sort, "sort", ClientSortField.Name, errors);
        var sortDirection = SortDirections.Parse(direction, SortDirection.Ascending, errors);
        var pageRequest = PageRequest.Parse(page, pageSize, errors);
        return errors.Count == 0 ? new ClientListQuery(trimmedSearch, sortField, sortDirection, pageRequest) : null;
    }
}
