using System.ComponentModel;
using BillingOne.Contracts.Money;
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

/// <summary>
/// Usage and cost of a bucket so far in its open period. Quantities have the unit type's precision, money the
/// currency's minor units (each line rounded once), the percentage one decimal.
/// </summary>
public sealed record BucketUsageResponse(
    [property: Description("First instant of the client's calendar month (UTC).")] DateTimeOffset PeriodStart,
    [property: Description("First instant of the next month (UTC, exclusive).")] DateTimeOffset PeriodEnd,
    [property: Description("Bound, enabled, not disregarded assets' readings aggregated per asset, then summed; at " +
        "full precision, with at least unitTypePrecision decimals (the UI rounds to them).")]
    decimal Usage,
    [property: Description("Base + overage, each line rounded to the currency's minor units; null when status is error.")]
    decimal? Cost,
    [property: Description("Cost − base: units above the commit × overage price; the currency's minor units; null " +
        "when status is error.")]
    decimal? Overage,
    [property: Description("Committed units not used: max(0, commit − usage); at full precision, with at least " +
        "unitTypePrecision decimals; null when status is error.")]
    decimal? BufferUnits,
    [property: Description("Buffer units × base / commit: what the client pays for unused capacity (part of the " +
        "base); the currency's minor units; null when status is error.")]
    decimal? BufferCost,
    [property: Description("Usage as a percentage of the commit at full precision (87.5, 33.3333…; the UI rounds to " +
        "one decimal); null when the commit is 0 or status is error.")]
    decimal? PercentOfCommit,
    [property: Description("over (usage above the commit), on-track, or error (the cost cannot be calculated).")]
    string Status,
    [property: Description("Why the cost cannot be calculated; null unless status is error.")] string? Error = null)
{
    public const string CalculationError =
        "The cost is beyond what can be calculated for this usage: check the bucket's prices and commit.";

    public static BucketUsageResponse From(BucketView view)
    {
        var precision = view.UnitTypePrecision;
        if (!BucketCost.TryCalculate(view.Bucket.Definition.Pricing, view.Usage, out var cost))
        {
            return new(view.PeriodStart, view.PeriodEnd, Decimals.AtLeast(view.Usage, precision), null, null, null, null,
                null, "error", CalculationError);
        }
        // The money figures are rounded lines already, with the currency's digits (Money.RoundedLine).
        // Quantities and percentages at full precision; the UI rounds them for display (docs/domain.md, "Money and
        // rounding").
        return new(view.PeriodStart, view.PeriodEnd, Decimals.AtLeast(view.Usage, precision), cost.Cost.Amount,
            cost.Overage.Amount, Decimals.AtLeast(cost.BufferUnits, precision), cost.Buffer.Amount,
            cost.PercentOfCommit is { } percent ? Decimals.ApiPercent(percent) : null,
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
    [property: Description("The unit type's precision: decimals of the bucket's quantities (0–6).")]
    int UnitTypePrecision,
    [property: Description("sum, max, avg, last or count.")] string Aggregation,
    [property: Description("unitTypePrecision decimals at least, more when the commit was set with them.")]
    decimal CommitUnits,
    [property: Description($"{PriceLabels.CommitPrice}; {PriceLabels.Shown}.")]
    decimal BasePrice,
    [property: Description($"{PriceLabels.OveragePrice}; {PriceLabels.Shown}.")]
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
            definition.UnitTypeId, view.UnitTypeKey, view.UnitTypeName, view.UnitTypePrecision,
            definition.Aggregation.ToApiName(), Decimals.AtLeast(definition.CommitUnits, view.UnitTypePrecision),
            Decimals.UnitPrice(definition.BasePrice, definition.Currency),
            Decimals.UnitPrice(definition.OveragePrice, definition.Currency), definition.Currency,
            definition.Reviewed, definition.Enabled, bucket.AutoProvisioned, view.BoundAssets,
            BucketUsageResponse.From(view), bucket.CreatedAt, bucket.UpdatedAt);
    }
}

/// <summary>A client's number of buckets (the metering console's Clients column).</summary>
public sealed record ClientBucketCount(Guid ClientId, int Buckets);
