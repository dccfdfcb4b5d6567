using Cronos;

namespace BillingOne.Reconciliation.Domain;

/// <summary>
/// The organization's device snapshot schedule: monthly on <see cref="DayOfMonth"/> at <see cref="HourUtc"/>:00 UTC,
/// so that snapshots taken at the same point of each billing month compare like with like. Days stop at 28 so that
/// every month has the day.
/// </summary>
public sealed record SnapshotSchedule(bool Enabled, int DayOfMonth, int HourUtc)
{
    public const int MaxDayOfMonth = 28;

    /// <summary>Off until someone switches it on; the 1st at 06:00 UTC when they do without choosing.</summary>
    public static readonly SnapshotSchedule Default = new(false, 1, 6);

    /// <summary>Reads a full schedule; errors are keyed by the member they concern.</summary>
    public static SnapshotSchedule? Create(bool? enabled, int? dayOfMonth, int? hourUtc, IDictionary<string, string[]> errors)
    {
        if (enabled is null)
        {
            errors["enabled"] = ["enabled is required (true or false)."];
        }
        if (dayOfMonth is null or < 1 or > MaxDayOfMonth)
        {
            errors["dayOfMonth"] = [$"dayOfMonth is required and must be between 1 and {MaxDayOfMonth}."];
        }
        if (hourUtc is null or < 0 or > 23)
        {
            errors["hourUtc"] = ["hourUtc is required and must be between 0 and 23."];
        }
        return errors.Count == 0 ? new SnapshotSchedule(enabled!.Value, dayOfMonth!.Value, hourUtc!.Value) : null;
    }

    /// <summary>The first occurrence strictly after <paramref name="instant"/>; null while the schedule is off.</summary>
    public DateTimeOffset? NextOccurrenceAfter(DateTimeOffset instant) => Enabled
        ? CronExpression.Parse($"0 {HourUtc} {DayOfMonth} * *").GetNextOccurrence(instant, TimeZoneInfo.Utc)
        : null;
}
