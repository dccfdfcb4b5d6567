namespace BillingOne.Contracts.Events;

/// <summary>
/// A bucket's usage in one period as metering computed it from the raw readings (docs/domain.md): published, debounced,
/// after readings for it arrive, when the bucket changes, on a schedule for the current period, and once for each
/// period as it is finalized. The projection service projects the period's end and backtests the method from it.
/// </summary>
/// <param name="Version">Grows with every observation of the same bucket and period (newest wins; older ignored).</param>
/// <param name="PeriodStart">First instant of the period (UTC) — the calendar month in the client's time zone.</param>
/// <param name="PeriodEnd">First instant after the period (UTC).</param>
/// <param name="ObservedAt">Readings observed before this instant are counted; for a finalized period, the period end.</param>
/// <param name="Usage">The bucket's usage of the period so far (aggregate per asset, summed over assets), in unit-type precision.</param>
/// <param name="DailyUsage">The same usage as it stood at the end of each whole day of the period that has ended before
/// ObservedAt (days in the client's time zone; entry 0 = end of day 1). A finalized period has one entry per day.</param>
/// <param name="Final">True once the period is finalized: Usage is then the billed reading's usage.</param>
/// <param name="SourceType">The bucket's source type (the asset source it meters; for a finalized period, as the billed
/// reading recorded it); null when the bucket takes every source.</param>
public sealed record BucketUsageObserved(
    Guid OrgId,
    Guid BucketId,
    long Version,
    Guid ClientId,
    string? ClientName,
    string BucketName,
    string UnitTypeKey,
    string Aggregation,          // sum | max | avg | last | count
    bool Enabled,
    decimal CommitUnits,
    decimal BasePrice,           // per unit, as BucketResponse
    decimal OveragePrice,        // per unit
    string Currency,
    int Year,
    int Month,
    DateTimeOffset PeriodStart,
    DateTimeOffset PeriodEnd,
    DateTimeOffset ObservedAt,
    decimal Usage,
    IReadOnlyList<decimal> DailyUsage,
    bool Final,
    string? SourceType = null) : IIntegrationEvent
{
    /// <summary>The aggregations a bucket's usage is computed with (docs/domain.md, "Bucket usage").</summary>
    public static readonly IReadOnlyList<string> Aggregations = ["sum", "count", "max", "avg", "last"];

    public const int MaxSourceTypeLength = 256;

    public IReadOnlyList<string> Validate() => new EventProblems(nameof(BucketUsageObserved))
        .Require(OrgId != Guid.Empty && BucketId != Guid.Empty && ClientId != Guid.Empty,
            "must carry an organization id, a bucket id and a client id.")
        .Require(Version >= 1, $"for bucket {BucketId} has version {Version}; versions start at 1.")
        .Require(Aggregations.Contains(Aggregation),
            $"has aggregation '{Aggregation}'; it is one of {string.Join(", ", Aggregations)}.")
        .Require(EventProblems.IsCurrencyCode(Currency), $"has currency '{Currency}', not an ISO 4217 code.")
        .Require(EventProblems.IsMonth(Year, Month), $"has period {Year}-{Month}, not a calendar month.")
        .Require(PeriodEnd > PeriodStart, "has a period that ends before it starts.")
        .Require(!string.IsNullOrWhiteSpace(BucketName) && !string.IsNullOrWhiteSpace(UnitTypeKey),
            "has no bucket name or unit type.")
        .Require(CommitUnits >= 0 && BasePrice >= 0 && OveragePrice >= 0, "has a negative commit or price.")
        .Require(DailyUsage is not null && (!EventProblems.IsMonth(Year, Month)
                || DailyUsage.Count <= DateTime.DaysInMonth(Year, Month)),
            "has more daily usage entries than its month has days.")
        .Require(SourceType is null || SourceType.Trim().Length is >= 1 and <= MaxSourceTypeLength,
            $"has a blank source type or one longer than {MaxSourceTypeLength} characters; null takes every source.")
        .ToList();
}
