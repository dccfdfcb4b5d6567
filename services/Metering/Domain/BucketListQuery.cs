using BillingOne.BuildingBlocks.Paging;

namespace BillingOne.Metering.Domain;

public enum BucketSortField
{
    Name,
    Client,
    Created,

    /// <summary>Usage in the open period.</summary>
    Usage,
}

/// <summary>A validated request for a page of the bucket list; null filters match everything.</summary>
public sealed record BucketListQuery(
    string? Search,
    Guid? ClientId,
    Guid? UnitTypeId,
    string? SourceType,
    bool? Reviewed,
    bool? Enabled,
    BucketSortField Sort,
    SortDirection Direction,
    PageRequest Page)
{
    public const int MaxSearchLength = 200;

    /// <summary>One bucket by id, through the same query as the list.</summary>
    public static BucketListQuery Single => new(null, null, null, null, null, null, BucketSortField.Name,
        SortDirection.Ascending, new PageRequest(1, 1));

    /// <summary>Reads the list's query parameters; errors are keyed by the parameter they concern.</summary>
    public static BucketListQuery? Parse(string? search, string? clientId, string? unitTypeId, string? sourceType,
        string? reviewed, string? enabled, string? sort, string? direction, int? page, int? pageSize,
        IDictionary<string, string[]> errors)
    {
        var query = new BucketListQuery(
            QueryValues.ParseText(search, "search", MaxSearchLength, errors),
            QueryValues.ParseGuid(clientId, "clientId", errors),
            QueryValues.ParseGuid(unitTypeId, "unitTypeId", errors),
            QueryValues.ParseText(sourceType, "sourceType", BucketRules.MaxSourceTypeLength, errors),
            QueryValues.ParseBoolean(reviewed, "reviewed", errors),
            QueryValues.ParseBoolean(enabled, "enabled", errors),
            QueryValues.ParseChoice(sort, "sort", BucketSortField.Name, errors),
            SortDirections.Parse(direction, SortDirection.Ascending, errors),
            PageRequest.Parse(page, pageSize, errors));
        return errors.Count == 0 ? query : null;
    }
}
