namespace BillingOne.Metering.Domain;

public enum BillingRunStatus
{
    Queued,
    Running,
    Completed,
    Failed,
}

/// <summary>Who started a run: a person or key (Run Billing, the API), or the organization's monthly schedule.</summary>
public enum BillingRunTrigger
{
    Manual,
    Schedule,
}

/// <summary>One organization's billing run for a calendar month, with its progress so far.</summary>
/// <param name="RequestedBy">The user or key that asked for the run.</param>
public sealed record BillingRun(
    Guid OrgId,
    Guid Id,
    int Year,
    int Month,
    BillingRunStatus Status,
    int ClientsDone,
    int ClientsTotal,
    int BucketsDone,
    int BucketsTotal,
    DateTimeOffset RequestedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? Error,
    Guid? RequestedBy,
    BillingRunTrigger Trigger);

/// <summary>The API and the database spell run statuses in lower case.</summary>
public static class BillingRunNames
{
    public static string ToApiName(this BillingRunStatus status) => status switch
    {
        BillingRunStatus.Queued => "queued",
        BillingRunStatus.Running => "running",
        BillingRunStatus.Completed => "completed",
        BillingRunStatus.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown status."),
    };

    public static string ToApiName(this BillingRunTrigger trigger) => trigger switch
    {
        BillingRunTrigger.Manual => "manual",
        BillingRunTrigger.Schedule => "schedule",
        _ => throw new ArgumentOutOfRangeException(nameof(trigger), trigger, "Unknown trigger."),
    };

    public static BillingRunTrigger ParseTrigger(string name) => name switch
    {
        "manual" => BillingRunTrigger.Manual,
        "schedule" => BillingRunTrigger.Schedule,
        _ => throw new FormatException($"Unknown billing run trigger '{name}'."),
    };

    public static BillingRunStatus ParseStatus(string name) => name switch
    {
        "queued" => BillingRunStatus.Queued,
        "running" => BillingRunStatus.Running,
        "completed" => BillingRunStatus.Completed,
        "failed" => BillingRunStatus.Failed,
        _ => throw new FormatException($"Unknown billing run status '{name}'."),
    };
}

/// <summary>A calendar month as billing runs and readings name it (year, month); the zone comes from each client.</summary>
public sealed record BillingMonth(int Year, int Month)
{
    // BillingPeriod's bounds: the last month must still have a following month to end at.
    public const int MinYear = 2;
    public const int MaxYear = 9998;

    /// <summary>Reads a run request's year and month; errors are keyed by the member they concern.</summary>
    public static BillingMonth? Create(int? year, int? month, IDictionary<string, string[]> errors)
    {
        if (year is null or < MinYear or > MaxYear)
        {
            errors["year"] = [$"year is required and must be between {MinYear} and {MaxYear}."];
        }
        if (month is null or < 1 or > 12)
        {
            errors["month"] = ["month is required and must be between 1 and 12."];
        }
        return errors.Count == 0 ? new BillingMonth(year!.Value, month!.Value) : null;
    }

    /// <summary>
    /// Reads <c>YYYY-MM</c> (the readings list's <c>period</c>); errors are keyed by <paramref name="field"/> and say
    /// whether the month is missing, not written <c>YYYY-MM</c> or outside the years a billing period can have.
    /// </summary>
    public static BillingMonth? Parse(string? text, string field, IDictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors[field] = [$"{field} is required, a month written YYYY-MM, e.g. 2026-03."];
            return null;
        }
        if (text.Length != 7 || text[4] != '-'
            || !int.TryParse(text.AsSpan(0, 4), System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(text.AsSpan(5, 2), System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out var month))
        {
            errors[field] = [$"{field} must be a month written YYYY-MM, e.g. 2026-03."];
            return null;
        }
        if (year is < MinYear or > MaxYear || month is < 1 or > 12)
        {
            errors[field] = [$"{field} must be a month from {MinYear:D4}-01 to {MaxYear:D4}-12."];
            return null;
        }
        return new BillingMonth(year, month);
    }

    /// <summary>
    /// Whether the month has ended in every one of <paramref name="periods"/> (the month in each zone the
    /// organization bills in) at <paramref name="now"/>: only then are its readings complete enough to bill.
    /// </summary>
    public static bool HasEnded(IEnumerable<BillingPeriod> periods, DateTimeOffset now) =>
        periods.All(period => period.End <= now);

    public override string ToString() => $"{Year:D4}-{Month:D2}";
}

/// <summary>
/// A line of a billing run: a bucket's reading for the run's month (its usage priced with <see cref="BucketCost"/>,
/// rounded once per line), or an adjustment that corrects a finalized month (<see cref="Corrects"/>) with the
/// difference late readings made, priced with that month's terms.
/// </summary>
public sealed record BillingLine(Guid ClientId, Guid BucketId, string BucketName, string? SourceType,
    string UnitTypeKey, Aggregation Aggregation, DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd,
    BucketPricing Pricing, BilledFigures Figures, BillingMonth? Corrects)
{
    public bool IsAdjustment => Corrects is not null;

    /// <summary>False when the cost is beyond what can be calculated (see <see cref="BucketCost.TryCalculate"/>).</summary>
    public static bool TryPrice(Bucket bucket, string unitTypeKey, DateTimeOffset periodStart,
        DateTimeOffset periodEnd, decimal usage, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out BillingLine? line)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        var pricing = bucket.Definition.Pricing;
        if (!BucketCost.TryCalculate(pricing, usage, out var cost))
        {
            line = null;
            return false;
        }
        line = new BillingLine(bucket.Definition.ClientId, bucket.Id, bucket.Definition.Name,
            bucket.Definition.SourceType, unitTypeKey, bucket.Definition.Aggregation, periodStart, periodEnd, pricing,
            BilledFigures.Of(cost), null);
        return true;
    }

    /// <summary>The adjustment of <paramref name="corrected"/>'s bill, booked on this reading's bucket and period.</summary>
    public BillingLine AdjustmentOf(FinalizedBucketPeriod corrected, BilledFigures difference)
    {
        ArgumentNullException.ThrowIfNull(corrected);
        return this with
        {
            Pricing = corrected.Pricing,
            Figures = difference,
            Corrects = new BillingMonth(corrected.Year, corrected.Month),
        };
    }
}
