using System.Globalization;
using BillingOne.Contracts.Money;

namespace BillingOne.Metering.Domain;

public enum UsageAnomalyKind
{
    /// <summary>The examined day's figure departs sharply upwards from the asset's own history.</summary>
    Spike,

    /// <summary>An asset that reported on most days has sent nothing for the last complete days.</summary>
    Silent,
}

public static class UsageAnomalyKinds
{
    /// <summary>How the API, the CSV and the database spell <paramref name="kind"/>.</summary>
    public static string Name(this UsageAnomalyKind kind) => kind switch
    {
        UsageAnomalyKind.Spike => "spike",
        UsageAnomalyKind.Silent => "silent",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a usage anomaly kind."),
    };
}

/// <summary>
/// The UTC days one detection looks at: the examined <see cref="Day"/> (the last complete day) and the
/// <see cref="HistoryDays"/> days before it. UTC days, like the asset's usage series: anomalies are about an asset's
/// rhythm, not about a billing period, so no client's time zone cuts them.
/// </summary>
public sealed record UsageAnomalyWindow(DateOnly Day)
{
    public const int HistoryDays = 28;

    /// <summary>A spike needs at least this many days with readings among the history days.</summary>
    public const int MinimumSpikeHistory = 7;

    /// <summary>Complete days without a reading that make an asset silent.</summary>
    public const int SilentDays = 2;

    /// <summary>The days before the silent ones an asset must have reported on most of.</summary>
    public const int SilentHistoryDays = 14;

    /// <summary>Days with readings among the <see cref="SilentHistoryDays"/> that make a regular reporter.</summary>
    public const int MinimumSilentHistory = 7;

    /// <summary>The first history day.</summary>
    public DateOnly From => Day.AddDays(-HistoryDays);

    /// <summary>Readings observed at or after this instant count (the start of <see cref="From"/>).</summary>
    public DateTimeOffset Start => StartOf(From);

    /// <summary>Readings observed before this instant count (the end of <see cref="Day"/>).</summary>
    public DateTimeOffset End => StartOf(Day.AddDays(1));

    /// <summary>The window whose examined day is the last UTC day complete at <paramref name="now"/>.</summary>
    public static UsageAnomalyWindow Before(DateTimeOffset now) =>
        new(DateOnly.FromDateTime(now.UtcDateTime).AddDays(-1));

    private static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}

/// <summary>
/// An asset's usage anomaly on one bucket. <see cref="Expected"/> is the asset's usual daily figure (the median of its
/// days with readings), <see cref="Observed"/> the examined day's (0 for a silent asset). <see cref="Units"/> are the
/// units the bucket's period figure gains (spike) or stands to lose (silent), priced at <see cref="UnitPrice"/>;
/// <see cref="EstimatedImpact"/> is their product rounded once to the currency's minor units.
/// </summary>
/// <param name="ReportingDays">Days with readings the rule judged by: the history days (spike), or the days of the
/// <see cref="UsageAnomalyWindow.SilentHistoryDays"/> before the silence (silent).</param>
/// <param name="SilentDays">Complete days since the last reading (silent); 0 for a spike.</param>
public sealed record UsageAnomaly(UsageAnomalyKind Kind, DateOnly Day, decimal Expected, decimal Observed,
    decimal Units, Money UnitPrice, int ReportingDays, int SilentDays, Money EstimatedImpact)
{
    /// <summary>One line a finance user reads the anomaly by; quantities to <paramref name="precision"/>.</summary>
    public string Explanation(int precision)
    {
        var expected = Quantity(Expected, precision);
        // A price per unit derived from base ÷ commit can have endless digits: six are plenty to read.
        var unitPrice = Math.Round(UnitPrice.Amount, 6, MidpointRounding.AwayFromZero);
        var price = $"{Text(Decimals.UnitPrice(unitPrice, UnitPrice.Currency))} {UnitPrice.Currency}";
        return Kind == UsageAnomalyKind.Spike
            ? $"{Quantity(Observed, precision)} on {Date(Day)} against a usual {expected} a day (median of " +
                $"{ReportingDays} days with readings): {Quantity(Units, precision)} extra units at {price} overage."
            : $"Nothing since {Date(Day)} ({SilentDays} days) after readings on {ReportingDays} of the " +
                $"{UsageAnomalyWindow.SilentHistoryDays} days before; usually {expected} a day: " +
                $"{Quantity(Units, precision)} units at risk at {price}.";
    }

    private static string Quantity(decimal value, int precision) => Text(Decimals.Fixed(value, precision));

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>
/// The anomaly rules, per asset bound to an enabled bucket, over the asset's daily figures in a
/// <see cref="UsageAnomalyWindow"/> (days without readings have no figure; they are not zeros).
/// <para>
/// Daily figure, by the bucket's aggregation: sum → the day's total; count → 1 (it reported); max → the day's peak;
/// last → the day's latest reading; avg → the day's mean (to six decimals, like the readings).
/// </para>
/// <para>
/// <b>Spike</b>: the examined day has readings, at least <see cref="UsageAnomalyWindow.MinimumSpikeHistory"/> of the
/// <see cref="UsageAnomalyWindow.HistoryDays"/> days before it have readings, their median m is above 0, and the
/// examined day's figure exceeds max(3 × m, m + 5 × MAD), MAD being the median of the history figures' absolute
/// deviations from m. Median and MAD shrug off the odd outlier in the history, and 3 × m keeps a steady asset (MAD 0)
/// from being flagged for ordinary wobble. A count bucket cannot spike (its figure is always 1).
/// Impact: the extra units the period figure gains × the overage price — sum, max and last move by observed − m (the
/// worst case: the units land above the commit, and max/last stay at the spike); avg moves by (observed − m) ÷ the
/// days of the examined day's month, one day of the period's mean.
/// </para>
/// <para>
/// <b>Silent</b>: no readings on the last <see cref="UsageAnomalyWindow.SilentDays"/> complete days, after readings on
/// at least <see cref="UsageAnomalyWindow.MinimumSilentHistory"/> of the
/// <see cref="UsageAnomalyWindow.SilentHistoryDays"/> days before them. The anomaly's day is the first day without
/// readings since the last one. Expected m is the median figure of the window's days with readings. Impact (revenue at
/// risk): the units missing × the bucket's price per unit (base ÷ commit; the overage price for a zero commit) —
/// sum misses m for every silent day; count, max, last and avg lose m once, the asset's share of a period figure it
/// stops contributing to.
/// </para>
/// </summary>
public static class UsageAnomalyRules
{
    public static decimal DailyFigure(Aggregation aggregation, DailyReadings day)
    {
        ArgumentNullException.ThrowIfNull(day);
        return aggregation switch
        {
            Aggregation.Sum => day.Sum,
            Aggregation.Max => day.Max,
            Aggregation.Avg => Math.Round(day.Sum / day.Count, 6, MidpointRounding.AwayFromZero),
            Aggregation.Last => day.Last,
            Aggregation.Count => 1m,
            _ => throw new ArgumentOutOfRangeException(nameof(aggregation), aggregation, "Unknown aggregation."),
        };
    }

    /// <summary>The asset's anomaly on its bucket in <paramref name="window"/>; null when it behaves.</summary>
    public static UsageAnomaly? Detect(UsageAnomalyWindow window, Aggregation aggregation, BucketPricing pricing,
        IEnumerable<DailyReadings> days)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(pricing);
        ArgumentNullException.ThrowIfNull(days);
        var figures = days.Where(day => day.Count > 0 && day.Day >= window.From && day.Day <= window.Day)
            .ToDictionary(day => day.Day, day => DailyFigure(aggregation, day));
        return figures.TryGetValue(window.Day, out var observed)
            ? Spike(window, aggregation, pricing, figures, observed)
            : Silent(window, aggregation, pricing, figures);
    }

    private static UsageAnomaly? Spike(UsageAnomalyWindow window, Aggregation aggregation, BucketPricing pricing,
        Dictionary<DateOnly, decimal> figures, decimal observed)
    {
        var history = figures.Where(figure => figure.Key < window.Day).Select(figure => figure.Value).ToList();
        if (history.Count < UsageAnomalyWindow.MinimumSpikeHistory)
        {
            return null;
        }
        var median = Median(history);
        var deviation = Median(history.Select(figure => Math.Abs(figure - median)).ToList());
        if (median <= 0 || observed <= Math.Max(3 * median, median + 5 * deviation))
        {
            return null;
        }
        var units = aggregation == Aggregation.Avg
            ? (observed - median) / DateTime.DaysInMonth(window.Day.Year, window.Day.Month)
            : observed - median;
        var price = pricing.OveragePricePerUnit;
        return new UsageAnomaly(UsageAnomalyKind.Spike, window.Day, median, observed, units, price, history.Count, 0,
            (price * units).RoundedLine());
    }

    private static UsageAnomaly? Silent(UsageAnomalyWindow window, Aggregation aggregation, BucketPricing pricing,
        Dictionary<DateOnly, decimal> figures)
    {
        var firstSilent = window.Day.AddDays(1 - UsageAnomalyWindow.SilentDays);
        var historyFrom = firstSilent.AddDays(-UsageAnomalyWindow.SilentHistoryDays);
        var reportingDays = figures.Keys.Count(day => day >= historyFrom && day < firstSilent);
        if (figures.Keys.Any(day => day >= firstSilent) || reportingDays < UsageAnomalyWindow.MinimumSilentHistory)
        {
            return null;
        }
        var silentSince = figures.Keys.Max().AddDays(1);
        var silentDays = window.Day.DayNumber - silentSince.DayNumber + 1;
        var expected = Median([.. figures.Values]);
        var units = aggregation == Aggregation.Sum ? expected * silentDays : expected;
        var price = pricing.CommitUnits == 0
            ? pricing.OveragePricePerUnit
            : new Money(pricing.BasePrice.Amount / pricing.CommitUnits, pricing.Currency);
        // Multiply before dividing, as BucketCost does, so a commit like 3 loses no precision before rounding.
        var impact = pricing.CommitUnits == 0
            ? price * units
            : new Money(pricing.BasePrice.Amount * units / pricing.CommitUnits, pricing.Currency);
        return new UsageAnomaly(UsageAnomalyKind.Silent, silentSince, expected, 0m, units, price, reportingDays,
            silentDays, impact.RoundedLine());
    }

    /// <summary>The middle value; the mean of the two middle ones for an even count. The caller's list is left as is.</summary>
    private static decimal Median(IReadOnlyList<decimal> values)
    {
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
