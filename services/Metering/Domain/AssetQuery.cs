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

    private static readonly Dictionary<string, AssetView> Views =
        Enum.GetValues<AssetView>().ToDictionary(view => view.ToString(), StringComparer.OrdinalIgnoreCase);

    private static readonly Dictionary<string, AssetSortField> SortFields =
        Enum.GetValues<AssetSortField>().ToDictionary(field => field.ToString(), StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Reads the list's query parameters; absent ones take their defaults (view <c>all</c>, sort <c>lastSeen</c>;
    /// instants sort newest first by default, text A–Z). Errors are keyed by the parameter they concern.
    /// </summary>
    public static AssetQuery? Parse(string? view, string? search, string? clientId, string? source, string? enabled,
        string? sort, string? direction, int? page, int? pageSize, IDictionary<string, string[]> errors)
    {
        var assetView = AssetView.All;
        if (!string.IsNullOrWhiteSpace(view) && !Views.TryGetValue(view.Trim(), out assetView))
        {
            errors["view"] = ["view must be one of 'all', 'unassigned', 'unbound', 'new', 'disregarded'."];
        }

        var trimmedSearch = Trimmed(search);
        if (trimmedSearch?.Length > MaxSearchLength)
        {
            errors["search"] = [$"search must be at most {MaxSearchLength} characters."];
        }

        Guid? client = null;
        if (Trimmed(clientId) is { } clientText)
        {
            if (Guid.TryParse(clientText, out var parsedClient))
            {
                client = parsedClient;
            }
            else
            {
                errors["clientId"] = [$"clientId '{clientText}' is not a UUID."];
            }
        }

        var trimmedSource = Trimmed(source);
        if (trimmedSource?.Length > MaxSourceLength)
        {
            errors["source"] = [$"source must be at most {MaxSourceLength} characters."];
        }

        bool? enabledFilter = null;
        if (Trimmed(enabled) is { } enabledText)
        {
            if (bool.TryParse(enabledText, out var parsedEnabled))
            {
                enabledFilter = parsedEnabled;
            }
            else
            {
                errors["enabled"] = ["enabled must be 'true' or 'false'."];
            }
        }

        var sortField = AssetSortField.LastSeen;
        if (!string.IsNullOrWhiteSpace(sort) && !SortFields.TryGetValue(sort.Trim(), out sortField))
        {
            errors["sort"] = ["sort must be one of 'lastSeen', 'firstSeen', 'created', 'externalId', 'source', 'client'."];
        }
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

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
