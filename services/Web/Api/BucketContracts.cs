namespace BillingOne.Web.Api;

// The web UI's view of the metering service's billing buckets and auto-provisioning (issue 6 contract):
//   GET    /api/metering/buckets?search=&clientId=&unitTypeId=&sourceType=&reviewed=&enabled=&sort=&direction=&page=&pageSize=
//   GET    /api/metering/buckets/counts?clientId=&clientId=…      -> ClientBucketCount[]
//   POST   /api/metering/buckets  CreateBucketRequest            -> 201 Bucket
//   PATCH  /api/metering/buckets/{id}  UpdateBucketRequest       -> Bucket
//   DELETE /api/metering/buckets/{id}                            -> 204
//   GET    /api/metering/buckets/{id}/assets?page=&pageSize=     -> PagedList<Asset>
//   POST   /api/metering/buckets/{id}/assets  { assetIds }       -> { bound }
//   DELETE /api/metering/buckets/{id}/assets/{assetId}           -> 204
//   POST   /api/metering/provisioning/runs                       -> 202 (or 200: the run already going) ProvisioningRun
//   GET    /api/metering/provisioning/runs/{id}                  -> ProvisioningRun

/// <summary>What a client commits to for one unit type, and what its bound assets used in the open period.</summary>
/// <param name="BasePrice">Commit price per period (the whole commit for one billing period), in <see cref="Currency"/>.</param>
/// <param name="OveragePrice">Price per unit above the commitment, in <see cref="Currency"/>.</param>
/// <param name="UnitTypePrecision">Decimals the bucket's quantities (commit, usage) are shown with.</param>
public sealed record Bucket(
    Guid Id,
    Guid ClientId,
    string? ClientName,
    string Name,
    string? SourceType,
    Guid UnitTypeId,
    string UnitTypeKey,
    string UnitTypeName,
    int UnitTypePrecision,
    string Aggregation,
    decimal CommitUnits,
    decimal BasePrice,
    decimal OveragePrice,
    string Currency,
    bool Reviewed,
    bool Enabled,
    bool AutoProvisioned,
    int BoundAssets,
    BucketUsage Usage,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>Usage of the open period (the calendar month in the client's time zone).</summary>
/// <param name="Cost">What the period costs so far, in the bucket's currency.</param>
/// <param name="PercentOfCommit">Null when nothing is committed.</param>
/// <param name="Status">One of <see cref="BucketUsageStatuses"/>.</param>
/// <param name="Cost">Null when <paramref name="Status"/> is error: the service could not calculate it.</param>
public sealed record BucketUsage(decimal Usage, decimal? Cost, decimal? PercentOfCommit, string Status, string? Error);

/// <summary>
/// A bucket's status now, from its usage so far; wherever it shows it is headed <see cref="Heading"/>, never plain
/// "Status", so it is not mistaken for the projected status (docs/domain.md, "One figure, one definition").
/// </summary>
public static class BucketUsageStatuses
{
    public const string Heading = "Status (current)";

    public const string Over = "over";
    public const string OnTrack = "on-track";
    public const string Error = "error";

    public static string Label(string status) => status switch
    {
        Over => "Over commit",
        Error => "Cost error",
        _ => "On track",
    };

    public static string BadgeClass(string status) => status is Over or Error ? "badge-over" : "badge-on-track";
}

public static class BucketSortColumns
{
    public const string Name = "name";
    public const string Client = "client";
    public const string Usage = "usage";

    public static string DefaultDirection(string column) =>
        column == Usage ? SortDirections.Descending : SortDirections.Ascending;
}

/// <summary>Search, filters, sort and paging of <c>GET /api/metering/buckets</c>.</summary>
public sealed record BucketListQuery(
    string? Search = null,
    Guid? ClientId = null,
    Guid? UnitTypeId = null,
    string? SourceType = null,
    bool? Reviewed = null,
    bool? Enabled = null,
    string Sort = BucketSortColumns.Name,
    string Direction = SortDirections.Ascending,
    int Page = 1,
    int PageSize = BucketListQuery.DefaultPageSize) : IListQuery<BucketListQuery>
{
    public const string Path = "api/metering/buckets";
    public const int DefaultPageSize = 25;

    public static string DefaultDirection(string column) => BucketSortColumns.DefaultDirection(column);

    public BucketListQuery WithPage(int page) => this with { Page = page };

    public BucketListQuery WithSearch(string? search) => this with { Search = search };

    public BucketListQuery WithOrder(string sort, string direction) => this with { Sort = sort, Direction = direction };

    public string ToRequestUri() => ApiQuery.Build(Path,
        ("search", Search), ("clientId", ClientId), ("unitTypeId", UnitTypeId), ("sourceType", SourceType),
        ("reviewed", Reviewed), ("enabled", Enabled), ("sort", Sort), ("direction", Direction), ("page", Page),
        ("pageSize", PageSize));
}

/// <summary>A new bucket; absent (null) members take the service's defaults, most of them the unit type's.</summary>
public sealed record CreateBucketRequest(
    Guid? ClientId,
    string? Name,
    string? SourceType,
    Guid? UnitTypeId,
    string? Aggregation,
    decimal? CommitUnits,
    decimal? BasePrice,
    decimal? OveragePrice,
    string? Currency,
    bool Reviewed,
    bool Enabled);

/// <summary>A change to a bucket: null members are left out and stay as they are; an empty source type clears it.</summary>
public sealed record UpdateBucketRequest(
    string? Name = null,
    string? SourceType = null,
    string? Aggregation = null,
    decimal? CommitUnits = null,
    decimal? BasePrice = null,
    decimal? OveragePrice = null,
    bool? Reviewed = null,
    bool? Enabled = null);

public sealed record BindAssetsRequest(IReadOnlyList<Guid> AssetIds);

public sealed record BoundAssets(int Bound);

/// <summary>One run of auto-provisioning: buckets created for assets reporting an auto-provisioned unit type.</summary>
/// <param name="Status">One of <see cref="ProvisioningRunStatuses"/>.</param>
public sealed record ProvisioningRun(
    Guid Id,
    string Trigger,
    string Status,
    int BucketsCreated,
    int AssetsBound,
    string? Error,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt);

public static class ProvisioningRunStatuses
{
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
}

/// <summary>How many buckets a client has, enabled or not.</summary>
public sealed record ClientBucketCount(Guid ClientId, int Buckets);
