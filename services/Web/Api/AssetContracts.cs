namespace BillingOne.Web.Api;

// The web UI's view of the metering service's assets (issue 6 contract):
//   GET  /api/metering/assets?view=&search=&clientId=&source=&enabled=&sort=&direction=&page=&pageSize=
//   GET  /api/metering/assets/{id}/usage?days=                      -> AssetUsage
//   PATCH /api/metering/assets/{id}  { name }                       -> Asset
//   POST /api/metering/assets/{id}/assign  { clientId }             -> Asset
//   POST /api/metering/assets/{id}/unassign|acknowledge|enable|disable|disregard|restore -> Asset
//   POST /api/metering/assets/acknowledge  { assetIds }             -> { acknowledged }
// and the subscription service's clients, found by name by the client picker (ClientPicker.razor):
//   GET  /api/subscription/clients?search=&sort=name&pageSize=20
//   GET  /api/subscription/clients/{id}

/// <summary>A metered asset: one thing at a source (a backup job, a mailbox) that reports usage readings.</summary>
/// <param name="Name">The name given in BillingOne; <see cref="DisplayName"/> falls back to the external id.</param>
/// <param name="AssignedBy">How the client was chosen: key, rule, manual, or null while unassigned.</param>
/// <param name="UnboundUnitTypeKeys">Unit types the asset reports that no bucket of its client is bound to.</param>
public sealed record Asset(
    Guid Id,
    string Source,
    string ExternalId,
    string? Name,
    string DisplayName,
    string? Description,
    Guid? ClientId,
    string? ClientName,
    string? AssignedBy,
    bool Acknowledged,
    DateTimeOffset? AcknowledgedAt,
    bool Enabled,
    bool Disregarded,
    DateTimeOffset? DisregardedAt,
    DateTimeOffset FirstSeenAt,
    DateTimeOffset LastSeenAt,
    DateTimeOffset CreatedAt,
    IReadOnlyList<string> UnitTypeKeys,
    IReadOnlyList<string> UnboundUnitTypeKeys);

/// <summary>The list's views; every view but <see cref="Disregarded"/> hides disregarded assets.</summary>
public static class AssetViews
{
    public const string All = "all";
    public const string Unassigned = "unassigned";
    public const string Unbound = "unbound";
    public const string New = "new";
    public const string Disregarded = "disregarded";
}

public static class AssetSortColumns
{
    public const string LastSeen = "lastSeen";
    public const string Created = "created";
    public const string ExternalId = "externalId";
    public const string Client = "client";

    /// <summary>Times read best newest first, names alphabetically.</summary>
    public static string DefaultDirection(string column) =>
        column is LastSeen or Created ? SortDirections.Descending : SortDirections.Ascending;
}

/// <summary>Search, filters, sort and paging of <c>GET /api/metering/assets</c>.</summary>
public sealed record AssetListQuery(
    string View = AssetViews.All,
    string? Search = null,
    Guid? ClientId = null,
    string? Source = null,
    bool? Enabled = null,
    string Sort = AssetSortColumns.LastSeen,
    string Direction = SortDirections.Descending,
    int Page = 1,
    int PageSize = AssetListQuery.DefaultPageSize) : IListQuery<AssetListQuery>
{
    public const string Path = "api/metering/assets";
    public const int DefaultPageSize = 25;

    public static string DefaultDirection(string column) => AssetSortColumns.DefaultDirection(column);

    public AssetListQuery WithPage(int page) => this with { Page = page };

    public AssetListQuery WithSearch(string? search) => this with { Search = search };

    public AssetListQuery WithOrder(string sort, string direction) => this with { Sort = sort, Direction = direction };

    public string ToRequestUri() => ApiQuery.Build(Path,
        ("view", View), ("search", Search), ("clientId", ClientId), ("source", Source), ("enabled", Enabled),
        ("sort", Sort), ("direction", Direction), ("page", Page), ("pageSize", PageSize));
}

/// <summary>State changes that are a bare POST to <c>/api/metering/assets/{id}/{action}</c>.</summary>
public enum AssetAction
{
    Acknowledge,
    Enable,
    Disable,
    Disregard,
    Restore,
    Unassign,
}

/// <param name="Name">An empty name clears it.</param>
public sealed record RenameAssetRequest(string Name);

public sealed record AssignAssetRequest(Guid ClientId);

public sealed record AcknowledgeAssetsRequest(IReadOnlyList<Guid> AssetIds);

public sealed record AcknowledgedAssets(int Acknowledged);

/// <summary>An asset's daily usage per unit type over the last days.</summary>
public sealed record AssetUsage(Guid AssetId, IReadOnlyList<UsageSeries> Series)
{
    public const int Days = 30;
}

/// <param name="Total">The whole window aggregated with <see cref="Aggregation"/>.</param>
/// <param name="Points">One per UTC day, oldest first; a day without readings is 0.</param>
/// <param name="Precision">The unit type's: decimals the total and the points are shown with.</param>
public sealed record UsageSeries(string UnitTypeKey, string Aggregation, int Precision, decimal Total,
    IReadOnlyList<UsagePoint> Points);

public sealed record UsagePoint(DateOnly Day, decimal Value);

/// <summary>A client to choose from (the subscription service's ClientResponse, as far as the UI needs it).</summary>
public sealed record ClientChoice(Guid Id, string Name, bool Enabled);
