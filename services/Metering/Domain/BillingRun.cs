namespace BillingOne.Metering.Domain;

public enum BillingRunStatus
{
    Queued,
    Running,
    Completed,
    Failed,
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
    Guid? RequestedBy);

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

    /// <summary>Reads <c>YYYY-MM</c> (the readings list's <c>period</c>); errors are keyed by <paramref name="field"/>.</summary>
    public static BillingMonth? Parse(string? text, string field, IDictionary<string, string[]> errors)
    {
        if (text is { Length: 7 } && text[4] == '-'
            && int.TryParse(text.AsSpan(0, 4), System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out var year)
            && int.TryParse(text.AsSpan(5, 2), System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out var month)
            && year is >= MinYear and <= MaxYear && month is >= 1 and <= 12)
        {
            return new BillingMonth(year, month);
        }
        errors[field] = [$"{field} must be a month written YYYY-MM, e.g. 2026-03."];
        return null;
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
/// A bucket's billing reading for a period: its usage priced with <see cref="BucketCost"/> (rounded once per line).
/// </summary>
public sealed record BillingLine(Guid ClientId, Guid BucketId, DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd,
    BucketCost Cost)
{
    /// <summary>False when the cost is beyond what can be calculated (see <see cref="BucketCost.TryCalculate"/>).</summary>
    public static bool TryPrice(Bucket bucket, DateTimeOffset periodStart, DateTimeOffset periodEnd, decimal usage,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out BillingLine? line)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        if (!BucketCost.TryCalculate(bucket.Definition.Pricing, usage, out var cost))
        {
            line = null;
            return false;
        }
        line = new BillingLine(bucket.Definition.ClientId, bucket.Id, periodStart, periodEnd, cost);
        return true;
    }
}
