namespace BillingOne.Web.Api;

// The web UI's view of metering's usage anomalies (issue 18):
//   GET /api/metering/usage-anomalies?kind=&clientId=&page=&pageSize= -> PagedList<UsageAnomaly>, largest impact first
//   GET /api/metering/usage-anomalies/export?kind=&clientId=          -> text/csv
//   GET /api/metering/usage-anomalies/status                          -> UsageAnomalyStatus

/// <summary>An asset whose readings departed from its own history, on the bucket they feed.</summary>
/// <param name="Kind">One of <see cref="UsageAnomalyKinds"/>.</param>
/// <param name="Day">A spike's day, or the first day a silent asset sent nothing.</param>
/// <param name="Expected">The asset's usual daily figure, as metering rounded it.</param>
/// <param name="EstimatedImpact">Extra overage (spike) or revenue at risk (silent).</param>
public sealed record UsageAnomaly(
    Guid AssetId,
    string Source,
    string ExternalId,
    string? AssetName,
    Guid? ClientId,
    string? ClientName,
    Guid BucketId,
    string BucketName,
    string UnitTypeKey,
    string Kind,
    DateOnly Day,
    decimal Expected,
    decimal Observed,
    decimal EstimatedImpact,
    string Currency,
    string Explanation)
{
    public const string Path = "api/metering/usage-anomalies";
    public const string ExportPath = $"{Path}/export";
}

/// <summary>
/// Which day the stored anomalies judge (the last complete UTC day when they were computed) and when; both null before
/// the organization's first scan.
/// </summary>
public sealed record UsageAnomalyStatus(DateOnly? ExaminedDay, DateTimeOffset? ScannedAt)
{
    public const string Path = $"{UsageAnomaly.Path}/status";
}

public static class UsageAnomalyKinds
{
    public const string Spike = "spike";
    public const string Silent = "silent";

    public static string Label(string kind) => kind switch
    {
        Spike => "Spike",
        Silent => "Silent",
        _ => kind,
    };

    /// <summary>A spike bills more than usual (the over-commit colour); a silent asset has gone quiet.</summary>
    public static string BadgeClass(string kind) => kind == Spike ? "badge-over" : "badge-no-data";
}
