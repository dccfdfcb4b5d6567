namespace BillingOne.Metering.Domain;

/// <summary>
/// A calendar month in a client's time zone, held as the UTC instants [<see cref="Start"/>, <see cref="End"/>).
/// Billing follows the client's wall calendar (a Sydney client's March starts at 1 March 00:00 in Sydney),
/// while storage and comparisons stay in UTC; converting once here keeps DST out of every other rule.
/// </summary>
public sealed record BillingPeriod
{
    private BillingPeriod(int year, int month, TimeZoneInfo timeZone, DateTimeOffset start, DateTimeOffset end)
    {
        Year = year;
        Month = month;
        TimeZone = timeZone;
        Start = start;
        End = end;
    }

    /// <summary>Calendar year of the month in <see cref="TimeZone"/>.</summary>
    public int Year { get; }

    /// <summary>Calendar month (1–12) in <see cref="TimeZone"/>.</summary>
    public int Month { get; }

    public TimeZoneInfo TimeZone { get; }

    /// <summary>First instant of the month (UTC, inclusive).</summary>
    public DateTimeOffset Start { get; }

    /// <summary>First instant of the next month (UTC, exclusive).</summary>
    public DateTimeOffset End { get; }

    /// <summary>Real elapsed time of the month: 743 h for a month that loses an hour to DST, not 744.</summary>
    public TimeSpan Length => End - Start;

    public static BillingPeriod ForMonth(int year, int month, TimeZoneInfo timeZone)
    {
        ArgumentNullException.ThrowIfNull(timeZone);
        // The last supported month must still have a following month to end at.
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9998);
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);

        var firstDay = new DateTime(year, month, 1, 0, 0, 0, DateTimeKind.Unspecified);
        return new BillingPeriod(
            year,
            month,
            timeZone,
            StartOfLocalDay(firstDay, timeZone),
            StartOfLocalDay(firstDay.AddMonths(1), timeZone));
    }

    /// <summary>The month of <paramref name="timeZone"/> that <paramref name="instant"/> falls in.</summary>
    public static BillingPeriod Containing(DateTimeOffset instant, TimeZoneInfo timeZone)
    {
        ArgumentNullException.ThrowIfNull(timeZone);
        var local = TimeZoneInfo.ConvertTime(instant, timeZone);
        var period = ForMonth(local.Year, local.Month, timeZone);
        // A clock that falls back across midnight re-reads the last minutes of the old month after the new
        // month has started (at the first midnight). [Start, End) is the definition, so it decides. The
        // opposite case cannot happen: a month starts at the first instant whose wall clock reads it.
        return instant >= period.End ? period.Next() : period;
    }

    public BillingPeriod Next() => Month == 12 ? ForMonth(Year + 1, 1, TimeZone) : ForMonth(Year, Month + 1, TimeZone);

    public BillingPeriod Previous() => Month == 1 ? ForMonth(Year - 1, 12, TimeZone) : ForMonth(Year, Month - 1, TimeZone);

    public bool Contains(DateTimeOffset instant) => instant >= Start && instant < End;

    /// <summary>
    /// Share of the month's real duration that has passed at <paramref name="instant"/>: 0 before the
    /// month, 1 after it. Uses elapsed time, not calendar days, so DST months extrapolate correctly.
    /// </summary>
    public decimal ElapsedFraction(DateTimeOffset instant)
    {
        if (instant <= Start)
        {
            return 0m;
        }
        if (instant >= End)
        {
            return 1m;
        }
        return (decimal)(instant - Start).Ticks / Length.Ticks;
    }

    /// <summary>
    /// The end of each day of the month in <see cref="TimeZone"/> (the first instant of the next day), day 1 first:
    /// one per calendar day, the last being <see cref="End"/>. Days are cut like months, so DST days are 23 or 25 h.
    /// </summary>
    public IReadOnlyList<DateTimeOffset> DayEnds()
    {
        var firstDay = new DateTime(Year, Month, 1, 0, 0, 0, DateTimeKind.Unspecified);
        return Enumerable.Range(1, DateTime.DaysInMonth(Year, Month))
            .Select(day => StartOfLocalDay(firstDay.AddDays(day), TimeZone))
            .ToList();
    }

    public override string ToString() => $"{Year:D4}-{Month:D2} {TimeZone.Id} [{Start:O}, {End:O})";

    /// <summary>
    /// The first instant whose wall clock in <paramref name="zone"/> reads <paramref name="localMidnight"/> or later.
    /// </summary>
    /// <remarks>
    /// Only UTC → local conversions are used: .NET's local → UTC answers (IsInvalidTime, GetUtcOffset of a
    /// local time) are wrong on Linux for zones whose standard offset later changed — they report
    /// Asunción's skipped midnight of 1 October 2023 as valid. A day either side of midnight lies outside
    /// any transition near it, so the offsets there are the ones before and after that transition.
    /// </remarks>
    private static DateTimeOffset StartOfLocalDay(DateTime localMidnight, TimeZoneInfo zone)
    {
        var midnightAsUtc = LocalToUtc(localMidnight, TimeSpan.Zero);
        var offsetBefore = zone.GetUtcOffset(midnightAsUtc.AddDays(-1));
        var offsetAfter = zone.GetUtcOffset(midnightAsUtc.AddDays(1));

        // Midnight happens at each candidate whose offset is really in effect then: once normally, twice
        // when clocks fell back over it (the day begins at the first), never when they sprang forward.
        var midnights = new[] { offsetBefore, offsetAfter }
            .Select(offset => LocalToUtc(localMidnight, offset))
            .Where(candidate => TimeZoneInfo.ConvertTime(candidate, zone).DateTime == localMidnight)
            .ToList();
        return midnights.Count > 0
            ? midnights.Min()
            // Skipped midnight: the day begins at the jump, between the two readings.
            : FirstInstantReading(localMidnight, zone, LocalToUtc(localMidnight, offsetAfter), LocalToUtc(localMidnight, offsetBefore));
    }

    /// <summary>
    /// Binary search (to the second; tz transitions are whole seconds) between an instant whose wall clock
    /// is still before <paramref name="local"/> and one already past it, for the first that reads it or later.
    /// </summary>
    private static DateTimeOffset FirstInstantReading(
        DateTime local, TimeZoneInfo zone, DateTimeOffset tooEarly, DateTimeOffset lateEnough)
    {
        while (lateEnough - tooEarly > TimeSpan.FromSeconds(1))
        {
            var middle = tooEarly + TimeSpan.FromSeconds((long)(lateEnough - tooEarly).TotalSeconds / 2);
            if (TimeZoneInfo.ConvertTime(middle, zone).DateTime >= local)
            {
                lateEnough = middle;
            }
            else
            {
                tooEarly = middle;
            }
        }
        return lateEnough;
    }

    // Offsets of historical zones can carry seconds, which DateTimeOffset's constructor rejects, so the
    // conversion is done on DateTime and the result is always UTC.
    private static DateTimeOffset LocalToUtc(DateTime local, TimeSpan offset) =>
        new(DateTime.SpecifyKind(local - offset, DateTimeKind.Utc), TimeSpan.Zero);
}
