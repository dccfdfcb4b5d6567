using System.ComponentModel;
using BillingOne.Contracts.Money;
using BillingOne.Metering.Domain;
using Microsoft.AspNetCore.Mvc;

namespace BillingOne.Metering.Apis;

/// <summary>Query parameters of <c>GET /api/metering/assets</c> besides the paging.</summary>
public sealed record AssetListParameters(
    [property: Description("all (default: not disregarded), unassigned, unbound, new or disregarded.")]
    [FromQuery(Name = "view")] string? View,
    [property: Description("Part of the external id, name, source or description, any case.")]
    [FromQuery(Name = "search")] string? Search,
    [property: Description("Only this client's assets.")]
    [FromQuery(Name = "clientId")] string? ClientId,
    [property: Description("Only assets of this source (exact).")]
    [FromQuery(Name = "source")] string? Source,
    [property: Description("true or false.")]
    [FromQuery(Name = "enabled")] string? Enabled,
    [property: Description("lastSeen (default), firstSeen, created, externalId, source or client.")]
    [FromQuery(Name = "sort")] string? Sort,
    [property: Description("asc or desc; instants default to desc, text to asc.")]
    [FromQuery(Name = "direction")] string? Direction);

public sealed record AssetResponse(
    Guid Id,
    string Source,
    [property: Description("The id the source reports the asset under (the \"Asset ID\").")] string ExternalId,
    [property: Description("Name a person gave the asset; null when none.")] string? Name,
    [property: Description("name, else the external id.")] string DisplayName,
    [property: Description("Description of the latest reading (by observed time) that carried one; folded in like lastSeenAt.")]
    string? Description,
    Guid? ClientId,
    string? ClientName,
    [property: Description("key, rule or manual; null while unassigned.")] string? AssignedBy,
    bool Acknowledged,
    DateTimeOffset? AcknowledgedAt,
    bool Enabled,
    [property: Description("Hidden and excluded from billing; its readings are kept.")] bool Disregarded,
    DateTimeOffset? DisregardedAt,
    [property: Description("Earliest observed time of its readings (folded in every few seconds after they are stored).")]
    DateTimeOffset FirstSeenAt,
    [property: Description("Latest observed time of its readings (folded in every few seconds after they are stored).")]
    DateTimeOffset LastSeenAt,
    DateTimeOffset CreatedAt,
    [property: Description("Unit types the asset reports.")] IReadOnlyList<string> UnitTypeKeys,
    [property: Description("Reported unit types no bucket binding of the asset covers.")]
    IReadOnlyList<string> UnboundUnitTypeKeys)
{
    public static AssetResponse From(Asset asset)
    {
        var state = asset.State;
        return new(asset.Id, asset.Source, asset.ExternalId, state.Name, asset.DisplayName, asset.Description,
            state.ClientId, asset.ClientName, state.AssignedBy, state.AcknowledgedAt is not null, state.AcknowledgedAt,
            state.Enabled, state.DisregardedAt is not null, state.DisregardedAt, asset.FirstSeenAt, asset.LastSeenAt,
            asset.CreatedAt, asset.UnitTypeKeys, asset.UnboundUnitTypeKeys);
    }
}

/// <summary>A change of the asset's name: <c>""</c> clears it, an absent <c>name</c> changes nothing.</summary>
public sealed record UpdateAssetRequest(
    [property: Description("Display name, up to 200 characters; empty clears it.")] string? Name);

public sealed record AssignAssetRequest(
    [property: Description("A client metering knows.")] Guid? ClientId);

public sealed record AcknowledgeAssetsRequest(
    [property: Description("Assets to acknowledge (1–1000); ids the caller cannot see are skipped.")]
    IReadOnlyList<Guid>? AssetIds);

public sealed record AcknowledgeAssetsResponse(
    [property: Description("How many of the assets were acknowledged by this call (the others already were).")]
    int Acknowledged);

public sealed record UsagePointResponse(
    DateOnly Day,
    [property: Description("The day's usage; precision decimals.")] decimal Value);

public sealed record UsageSeriesResponse(
    string UnitTypeKey,
    [property: Description("The unit type's aggregation; sum when no unit type has this key.")] string Aggregation,
    [property: Description("The unit type's precision (decimals of total and values); 2 when no unit type has this " +
        "key.")]
    int Precision,
    [property: Description("The whole window aggregated the same way; precision decimals.")] decimal Total,
    IReadOnlyList<UsagePointResponse> Points)
{
    public static UsageSeriesResponse From(UsageSeries series) => new(series.UnitTypeKey,
        series.Aggregation.ToApiName(), series.Precision, Decimals.Fixed(series.Total, series.Precision),
        series.Points.Select(point => new UsagePointResponse(point.Day, Decimals.Fixed(point.Value, series.Precision)))
            .ToList());
}

public sealed record AssetUsageResponse(
    Guid AssetId,
    [property: Description("First UTC day of the window.")] DateOnly From,
    [property: Description("Last UTC day of the window (today).")] DateOnly To,
    [property: Description("One series per unit type with readings in the window.")]
    IReadOnlyList<UsageSeriesResponse> Series);
