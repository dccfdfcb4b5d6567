using Cronos;

namespace BillingOne.Metering.Domain;

/// <summary>
/// An organization's billing schedule: the monthly schedule that runs billing for the month before each occurrence.
/// How long drafts wait before they become final is the organization's <see cref="GracePeriod"/>, set in identity.
/// </summary>
/// <param name="Schedule">Five-field cron expression in UTC; each occurrence bills the previous calendar month.</param>
public sealed record BillingSettings(string Schedule, bool ScheduleEnabled)
{
    public const int MaxScheduleLength = 100;

    /// <summary>The schedule runs at 06:00 UTC on the 1st.</summary>
    public static readonly BillingSettings Default = new("0 6 1 * *", true);

    /// <summary>Reads a full settings update; errors are keyed by the member they concern.</summary>
    public static BillingSettings? Create(string? schedule, bool? scheduleEnabled, IDictionary<string, string[]> errors)
    {
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
        return errors.Count == 0 ? new BillingSettings(trimmed!, scheduleEnabled!.Value) : null;
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
}
