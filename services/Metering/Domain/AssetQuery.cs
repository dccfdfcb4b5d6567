using BillingOne.BuildingBlocks.Paging;

namespace BillingOne.Metering.Domain;

/// <summary>The Assets screens; every view but <see cref="Disregarded"/> hides disregarded assets.</summary>
public enum AssetView
{
    /// <summary>Every asset that is not disregarded.</summary>
    All,

    /// <summary>No client yet.</summary>
    Unassigned,

    /// <summary>Reports a unit type that no bucket binding of the asset covers.</summary>
    Unbound,

    /// <summary>Not acknowledged yet.</summary>
    New,

    /// <summary>Only disregarded assets.</summary>
    Disregarded,
}

public enum AssetSortField
{
    LastSeen,
    FirstSeen,
    Created,
    ExternalId,
    Source,
    Client,
}

/// <summary>A validated request for a page of assets.</summary>
public sealed record AssetQuery(
    AssetView View,
    string? Search,
    Guid? ClientId,
    string? Source,
    bool? Enabled,
    AssetSortField Sort,
    SortDirection Direction,
    PageRequest Page)
{
    public const int MaxSearchLength = 200;
    public const int MaxSourceLength = 256;

    /// <summary>
    /// Reads the list's query parameters; absent ones take their defaults (view <c>all</c>, sort <c>lastSeen</c>;
    /// instants sort newest first by default, text A–Z). Errors are keyed by the parameter they concern.
    /// </summary>
    public static AssetQuery? Parse(string? view, string? search, string? clientId, string? source, string? enabled,
        string? sort, string? direction, int? page, int? pageSize, IDictionary<string, string[]> errors)
    {
        var assetView = QueryValues.ParseChoice(view, "view", AssetView.All, errors);
        var trimmedSearch = QueryValues.ParseText(search, "search", MaxSearchLength, errors);
        var client = QueryValues.ParseGuid(clientId, "clientId", errors, text => $"clientId '{text}' is not a UUID.");
        var trimmedSource = QueryValues.ParseText(source, "source", MaxSourceLength, errors);
        var enabledFilter = QueryValues.ParseBoolean(enabled, "enabled", errors);
        var sortField = QueryValues.ParseChoice(sort, "sort", AssetSortField.LastSeen, errors);
        var defaultDirection = sortField is AssetSortField.LastSeen or AssetSortField.FirstSeen or AssetSortField.Created
            ? SortDirection.Descending
            : SortDirection.Ascending;
        var sortDirection = SortDirections.Parse(direction, defaultDirection, errors);
        var pageRequest = PageRequest.Parse(page, pageSize, errors);

        return errors.Count == 0
            ? new AssetQuery(assetView, trimmedSearch, client, trimmedSource, enabledFilter, sortField, sortDirection,
                pageRequest)
            : null;
    }
}
