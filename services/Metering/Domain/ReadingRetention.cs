namespace BillingOne.Metering.Domain;

/// <summary>
/// How long an organization keeps its raw readings. Raw readings are partitioned by UTC calendar month; a month may be
/// archived (detached from the table, kept as <c>raw_readings_archived_YYYY_MM</c>) once <see cref="KeepMonths"/>
/// whole months lie between its end and the start of the current month, and the archive may be dropped
/// <see cref="DropArchivedAfterMonths"/> months after it was made.
/// </summary>
/// <param name="KeepMonths">Null: every month is kept (the default).</param>
/// <param name="DropArchivedAfterMonths">Null: archives are kept.</param>
public sealed record ReadingRetention(int? KeepMonths, int? DropArchivedAfterMonths)
{
    /// <summary>
    /// The least that is kept: the current month, the 13 before it that analytics compare (projection backtests,
    /// billing history) and one more, because a client's calendar month in its time zone reaches into the UTC month
    /// before it. It also outlasts ingestion's 400-day limit on how old a reading may be.
    /// </summary>
    public const int MinKeepMonths = 14;

    public const int MaxMonths = 1200;

    public static readonly ReadingRetention Default = new(null, null);

    /// <summary>Reads a full settings update; errors are keyed by the member they concern.</summary>
    public static ReadingRetention? Create(int? keepMonths, int? dropArchivedAfterMonths,
        IDictionary<string, string[]> errors)
    {
        if (keepMonths is < MinKeepMonths or > MaxMonths)
        {
            errors["keepMonths"] = [$"keepMonths must be between {MinKeepMonths} and {MaxMonths}, or null to keep " +
                $"every month: the current month, the 13 before it and a month of time-zone margin are always kept."];
        }
        if (dropArchivedAfterMonths is < 1 or > MaxMonths)
        {
            errors["dropArchivedAfterMonths"] =
                [$"dropArchivedAfterMonths must be between 1 and {MaxMonths}, or null to keep archives."];
        }
        else if (dropArchivedAfterMonths is not null && keepMonths is null)
        {
            errors["dropArchivedAfterMonths"] =
                ["dropArchivedAfterMonths needs keepMonths: nothing is archived while every month is kept."];
        }
        return errors.Count == 0 ? new ReadingRetention(keepMonths, dropArchivedAfterMonths) : null;
    }

    /// <summary>The first month no retention may ever archive at <paramref name="now"/>.</summary>
    public static DateOnly FirstAlwaysKept(DateTimeOffset now) => MonthOf(now).AddMonths(-MinKeepMonths);

    /// <summary>Whether the UTC month starting <paramref name="month"/> may be archived at <paramref name="now"/>.</summary>
    public bool AllowsArchiving(DateOnly month, DateTimeOffset now) =>
        KeepMonths is { } keep && month.AddMonths(1) <= MonthOf(now).AddMonths(-keep);

    /// <summary>Whether an archive made at <paramref name="archivedAt"/> may be dropped at <paramref name="now"/>.</summary>
    public bool AllowsDropping(DateTimeOffset archivedAt, DateTimeOffset now) =>
        DropArchivedAfterMonths is { } months && archivedAt.AddMonths(months) <= now;

    private static DateOnly MonthOf(DateTimeOffset instant)
    {
        var utc = instant.UtcDateTime;
        return new DateOnly(utc.Year, utc.Month, 1);
    }
}
