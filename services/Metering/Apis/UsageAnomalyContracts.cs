using System.ComponentModel;
using BillingOne.Metering.Data;
using BillingOne.Metering.Domain;
using Microsoft.AspNetCore.Mvc;

namespace BillingOne.Metering.Apis;

public sealed record UsageAnomalyListParameters(
    [property: Description("spike or silent (absent: both).")]
    [FromQuery(Name = "kind")] string? Kind,
    [property: Description("Only this client's buckets.")]
    [FromQuery(Name = "clientId")] string? ClientId);

/// <summary>An asset whose readings depart from its own history, on the bucket they feed.</summary>
public sealed record UsageAnomalyResponse(
    Guid AssetId,
    string Source,
    string ExternalId,
    [property: Description("The name a person gave the asset; null without one.")] string? AssetName,
    Guid? ClientId,
    [property: Description("Null while metering does not know the client yet.")] string? ClientName,
    Guid BucketId,
    string BucketName,
    string UnitTypeKey,
    [property: Description("spike or silent.")] string Kind,
    [property: Description("Spike: the day examined (the last complete UTC day). Silent: the first UTC day without " +
        "readings.")]
    DateOnly Day,
    [property: Description("The asset's usual daily figure (median of its days with readings); the unit type's " +
        "precision.")]
    decimal Expected,
    [property: Description("The examined day's figure (0 for a silent asset); the unit type's precision.")]
    decimal Observed,
    [property: Description("Spike: extra units × overage price. Silent: units at risk × price per unit (base ÷ " +
        "commit, the overage price for a zero commit). The currency's minor units, rounded once.")]
    decimal EstimatedImpact,
    [property: Description("ISO-4217 code of the bucket's prices.")] string Currency,
    [property: Description("One line saying what departed from what, and how the impact is priced.")]
    string Explanation)
{
    public static UsageAnomalyResponse From(UsageAnomalyView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new(view.AssetId, view.Source, view.ExternalId, view.AssetName, view.ClientId, view.ClientName,
            view.BucketId, view.BucketName, view.UnitTypeKey, view.Kind, view.Day, view.Expected, view.Observed,
            view.EstimatedImpact, view.Currency, view.Explanation);
    }
}

/// <summary>Which day the stored anomalies judge and when they were computed.</summary>
public sealed record UsageAnomalyStatusResponse(
    [property: Description("The day the stored anomalies examine (the last complete UTC day when they were " +
        "computed); null before the organization's first scan.")]
    DateOnly? ExaminedDay,
    [property: Description("When the stored anomalies were computed; null before the organization's first scan " +
        "(the list is empty until then).")]
    DateTimeOffset? ScannedAt)
{
    public static UsageAnomalyStatusResponse From(UsageAnomalyScan? scan) => new(scan?.ExaminedDay, scan?.ScannedAt);
}
