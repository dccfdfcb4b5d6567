using Cronos;

namespace BillingOne.Metering.Domain;

/// <summary>
/// An organization's billing settings: how long drafts wait before they become final, and the monthly schedule that
/// runs billing for the month before each occurrence.
/// </summary>
/// <param name="GracePeriodDays">Days after a month's end (in the last client's time zone) before its drafts are final.</param>
/// <param name="Schedule">Five-field cron expression in UTC; each occurrence bills the previous calendar month.</param>
public sealed record BillingSettings(int GracePeriodDays, string Schedule, bool ScheduleEnabled)
{
    public const int MaxGracePeriodDays = 60;
    public const int MaxScheduleLength = 100;

    /// <summary>Three days' grace; the schedule runs at 06:00 UTC on the 1st.</summary>
    public static readonly BillingSettings Default = new(3, "0 6 1 * *", true);

    /// <summary>Reads a full settings update; errors are keyed by the member they concern.</summary>
    public static BillingSettings? Create(int? gracePeriodDays, string? schedule, bool? scheduleEnabled,
        IDictionary<string, string[]> errors)
    {
        if (gracePeriodDays is null or < 0 or > MaxGracePeriodDays)
        {
            errors["gracePeriodDays"] = [$"gracePeriodDays is required and must be between 0 and {MaxGracePeriodDays}."];
        }
        var trimmed = schedule?.Trim();
        if (trimmed is null or { Length: 0 or > MaxScheduleLength } || !CronExpression.TryParse(trimmed, out _))
        {
            errors["schedule"] = ["schedule is required: a five-field cron expression in UTC, e.g. '0 6 1 * *' " +
                "(06:00 on the 1st of every month)."];
        }
        if (scheduleEnabled is null)
        {
            errors["scheduleEnabled"] = ["scheduleEnabled is required (true or false)."];
        }
        return errors.Count == 0 ? new BillingSettings(gracePeriodDays!.Value, trimmed!, scheduleEnabled!.Value) : null;
    }

    /// <summary>The first occurrence of the schedule after <paramref name="instant"/>; null when it never fires again.</summary>
    public DateTimeOffset? NextOccurrenceAfter(DateTimeOffset instant) =>
        CronExpression.Parse(Schedule).GetNextOccurrence(instant, TimeZoneInfo.Utc);

    /// <summary>The month an occurrence of the schedule bills: the calendar month before the occurrence's (UTC).</summary>
    public static BillingMonth MonthBilledAt(DateTimeOffset occurrence)
    {
        var previous = occurrence.UtcDateTime.AddMonths(-1);
        return new BillingMonth(previous.Year, previous.Month);
    }

    /// <summary>When drafts of a month that ended at <paramref name="periodEnd"/> (its latest end) become final.</summary>
    public DateTimeOffset FinalizesAt(DateTimeOffset periodEnd) => periodEnd.AddDays(GracePeriodDays);
}
