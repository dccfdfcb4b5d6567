using System.ComponentModel;
using BillingOne.Metering.Data;
using BillingOne.Metering.Domain;
using Microsoft.AspNetCore.Mvc;

namespace BillingOne.Metering.Apis;

/// <summary>
/// Query parameters of <c>GET /api/metering/buckets</c> besides the paging. Filters arrive as text so a malformed
/// value is reported under its own name.
/// </summary>
public sealed record BucketListParameters(
    [property: Description("Part of the bucket, client or unit type name, the unit type key or the source type, any case.")]
    [FromQuery(Name = "search")] string? Search,
    [property: Description("Only this client's buckets.")]
    [FromQuery(Name = "clientId")] string? ClientId,
    [property: Description("Only buckets of this unit type.")]
    [FromQuery(Name = "unitTypeId")] string? UnitTypeId,
    [property: Description("Only buckets metering this source type (any case).")]
    [FromQuery(Name = "sourceType")] string? SourceType,
    [property: Description("true or false.")]
    [FromQuery(Name = "reviewed")] string? Reviewed,
    [property: Description("true or false.")]
    [FromQuery(Name = "enabled")] string? Enabled,
    [property: Description("name (default), client, created or usage (current usage in the open period).")]
    [FromQuery(Name = "sort")] string? Sort,
    [property: Description("asc (default) or desc.")]
    [FromQuery(Name = "direction")] string? Direction);

public sealed record BindAssetsRequest(
    [property: Description("Assets to bind, 1–1000 ids; all are bound or none.")] IReadOnlyList<Guid>? AssetIds);

public sealed record BindAssetsResponse([property: Description("Assets newly bound.")] int Bound);

/// <summary>Usage and cost of a bucket so far in its open period.</summary>
public sealed record BucketUsageResponse(
    [property: Description("First instant of the client's calendar month (UTC).")] DateTimeOffset PeriodStart,
    [property: Description("First instant of the next month (UTC, exclusive).")] DateTimeOffset PeriodEnd,
    [property: Description("Bound, enabled, not disregarded assets' readings aggregated per asset, then summed.")]
    decimal Usage,
    [property: Description("Base + overage, each line rounded to the currency's minor units.")] decimal Cost,
    [property: Description("Cost − base: units above the commit × overage price.")] decimal Overage,
    [property: Description("Committed units not used: max(0, commit − usage).")] decimal BufferUnits,
    [property: Description("Buffer units × base / commit: what the client pays for unused capacity (part of the base).")]
    decimal BufferCost,
    [property: Description("Usage as a percentage of the commit, two decimals; null when the commit is 0.")]
    decimal? PercentOfCommit,
    [property: Description("over (usage above the commit) or on-track.")] string Status)
{
    public static BucketUsageResponse From(BucketView view)
    {
        var cost = BucketCost.Calculate(view.Bucket.Definition.Pricing, view.Usage);
        return new(view.PeriodStart, view.PeriodEnd, view.Usage, cost.Cost.Amount, cost.Overage.Amount,
            cost.BufferUnits, cost.Buffer.Amount,
            cost.PercentOfCommit is { } percent ? Math.Round(percent, 2, MidpointRounding.AwayFromZero) : null,
            cost.Status == CommitStatus.OverCommit ? "over" : "on-track");
    }
}

public sealed record BucketResponse(
    Guid Id,
    Guid ClientId,
    [property: Description("Null while metering does not know the client yet.")] string? ClientName,
    string Name,
    [property: Description("Asset source the bucket meters; null takes every source.")] string? SourceType,
    Guid UnitTypeId,
    string UnitTypeKey,
    string UnitTypeName,
    [property: Description("sum, max, avg, last or count.")] string Aggregation,
    decimal CommitUnits,
    decimal BasePrice,
    decimal OveragePrice,
    [property: Description("ISO-4217 code of both prices.")] string Currency,
    bool Reviewed,
    bool Enabled,
    bool AutoProvisioned,
    [property: Description("Assets bound to the bucket, whatever their state.")] long BoundAssets,
    BucketUsageResponse Usage,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static BucketResponse From(BucketView view)
    {
        var bucket = view.Bucket;
        var definition = bucket.Definition;
        return new(bucket.Id, definition.ClientId, view.ClientName, definition.Name, definition.SourceType,
            definition.UnitTypeId, view.UnitTypeKey, view.UnitTypeName, definition.Aggregation.ToApiName(),
            definition.CommitUnits, definition.BasePrice, definition.OveragePrice, definition.Currency,
            definition.Reviewed, definition.Enabled, bucket.AutoProvisioned, view.BoundAssets,
            BucketUsageResponse.From(view), bucket.CreatedAt, bucket.UpdatedAt);
    }
}
