using System.Globalization;
using System.Text.RegularExpressions;

namespace BillingOne.Projection.Domain;

/// <summary>
/// The days a report covers, both ends included: a month (<c>YYYY-MM</c>), a quarter (<c>YYYY-Qn</c>), a year
/// (<c>YYYY</c>) or a custom range of days (<c>from</c>, <c>to</c>). Monthly figures (MRR, usage billing) take every
/// calendar month the days touch, whole.
/// </summary>
public sealed partial record ReportPeriod(string Name, DateOnly From, DateOnly To)
{
    /// <summary>The most calendar months a report may touch: its monthly table stays a page.</summary>
    public const int MaxMonths = 36;

    public const string Description = "`period` is a month YYYY-MM, a quarter YYYY-Qn (n = 1–4) or a year YYYY; or, " +
        "instead of it, `from` and `to` are the first and last day of a custom range (YYYY-MM-DD, both included, at " +
        "most 36 calendar months touched). Monthly figures take each calendar month the days touch, whole.";

    /// <summary>The calendar months the period touches, oldest first.</summary>
    public IReadOnlyList<BillingMonth> Months
    {
        get
        {
            var months = new List<BillingMonth>();
            for (var month = new BillingMonth(From.Year, From.Month); Index(month) <= To.Year * 12 + To.Month - 1;
                 month = Next(month))
            {
                months.Add(month);
            }
            return months;
        }
    }

    /// <summary>The month the period ends in: its MRR is the period's MRR at end.</summary>
    public BillingMonth LastMonth => new(To.Year, To.Month);

    /// <summary>
    /// Reads <c>period</c>, or <c>from</c> and <c>to</c>; errors are keyed by the parameter they concern. Exactly one of
    /// the two ways must be used.
    /// </summary>
    public static ReportPeriod? Parse(string? period, string? from, string? to, IDictionary<string, string[]> errors)
    {
        var named = Trimmed(period);
        var custom = Trimmed(from) is not null || Trimmed(to) is not null;
        if (named is not null && custom)
        {
            errors["period"] = ["Give either period or from and to, not both."];
            return null;
        }
        if (named is null && !custom)
        {
            errors["period"] = ["period is required (YYYY-MM, YYYY-Qn or YYYY) unless from and to are given."];
            return null;
        }
        return named is not null ? ParseNamed(named, errors) : ParseCustom(from, to, errors);
    }

    private static ReportPeriod? ParseNamed(string period, IDictionary<string, string[]> errors)
    {
        var match = Named().Match(period);
        if (!match.Success)
        {
            errors["period"] = ["period must be a month YYYY-MM, a quarter YYYY-Qn or a year YYYY, e.g. 2026-11, 2026-Q4, 2026."];
            return null;
        }
        var year = int.Parse(match.Groups["year"].ValueSpan, CultureInfo.InvariantCulture);
        if (match.Groups["month"].Success)
        {
            var month = int.Parse(match.Groups["month"].ValueSpan, CultureInfo.InvariantCulture);
            return new ReportPeriod(period, new DateOnly(year, month, 1), LastDay(year, month));
        }
        if (match.Groups["quarter"].Success)
        {
            var quarter = int.Parse(match.Groups["quarter"].ValueSpan, CultureInfo.InvariantCulture);
            return new ReportPeriod($"{year:D4}-Q{quarter}", new DateOnly(year, quarter * 3 - 2, 1), LastDay(year, quarter * 3));
        }
        return new ReportPeriod(period, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
    }

    private static ReportPeriod? ParseCustom(string? from, string? to, IDictionary<string, string[]> errors)
    {
        var first = Day(from, "from", errors);
        var last = Day(to, "to", errors);
        if (first is not { } start || last is not { } end)
        {
            return null;
        }
        if (end < start)
        {
            errors["to"] = ["to must be on or after from."];
            return null;
        }
        if ((end.Year * 12 + end.Month) - (start.Year * 12 + start.Month) + 1 > MaxMonths)
        {
            errors["to"] = [$"A custom range may touch at most {MaxMonths} calendar months."];
            return null;
        }
        return new ReportPeriod($"{Text(start)}..{Text(end)}", start, end);
    }

    private static DateOnly? Day(string? value, string parameter, IDictionary<string, string[]> errors)
    {
        if (Trimmed(value) is not { } text)
        {
            errors[parameter] = [$"{parameter} is required with a custom range (YYYY-MM-DD)."];
            return null;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            && day.Year >= 2000)
        {
            return day;
        }
        errors[parameter] = [$"{parameter} must be a day written YYYY-MM-DD from 2000 on, e.g. 2026-11-30."];
        return null;
    }

    /// <summary>Counted rather than the next month's first day less one, which does not exist after 9999-12.</summary>
    private static DateOnly LastDay(int year, int month) => new(year, month, DateTime.DaysInMonth(year, month));

    private static string Text(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static int Index(BillingMonth month) => month.Year * 12 + month.Month - 1;

    private static BillingMonth Next(BillingMonth month) =>
        month.Month == 12 ? new BillingMonth(month.Year + 1, 1) : new BillingMonth(month.Year, month.Month + 1);

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [GeneratedRegex("^(?<year>[2-9][0-9]{3})(?:-(?<month>0[1-9]|1[0-2])|-Q(?<quarter>[1-4]))?$",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Named();
}
