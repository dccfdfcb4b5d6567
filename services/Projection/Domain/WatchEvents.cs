namespace BillingOne.Projection.Domain;

/// <summary>The kinds of event the partner watch stream sends, as callers name them.</summary>
public static class WatchEventTypes
{
    public const string BillingRunFinished = "billing-run-finished";
    public const string PeriodFinalized = "period-finalized";
    public const string NewOverage = "new-overage";

    public static readonly IReadOnlyList<string> All = [BillingRunFinished, PeriodFinalized, NewOverage];
}

/// <summary>One currency's amount in a billing run's totals.</summary>
public sealed record CurrencyTotal(string Currency, decimal Amount);

/// <summary>A billing run of a month finished: its lines and what it bills so far, summed over the clients.</summary>
public sealed record BillingRunFinishedEvent(Guid RunId, int Year, int Month, string Trigger, int BucketLines,
    int Adjustments, int Clients, IReadOnlyList<CurrencyTotal> Totals);

/// <summary>A client's final lines of a month in one currency.</summary>
public sealed record PeriodFinalizedEvent(int Year, int Month, string Currency, decimal Amount,
    IReadOnlyList<FinalizedBucketLine> Buckets);

/// <summary>One bucket's final line; an adjustment names the month it corrects.</summary>
public sealed record FinalizedBucketLine(Guid BucketId, string BucketName, string UnitTypeKey, string Kind,
    int? OriginalYear, int? OriginalMonth, decimal Usage, decimal CommitUnits, decimal Charge);

/// <summary>A bucket's period usage went above its commit for the first time (<see cref="NewOverageRule"/>).</summary>
public sealed record NewOverageEvent(Guid BucketId, string BucketName, string UnitTypeKey, int Year, int Month,
    decimal Usage, decimal CommitUnits, decimal OverageUnits, decimal OveragePrice, string Currency);

/// <summary>An event as the watch reads it: its position, kind, client and payload (JSON of the kind's record).</summary>
public sealed record WatchedEvent(WatchEventCursor Cursor, string EventType, DateTimeOffset OccurredAt, Guid? ClientId,
    string? ClientName, string Payload);
