using System.Globalization;
using BillingOne.Web.Api;

namespace BillingOne.Web.Components.ReportViews;

/// <summary>
/// The Reports page's period picker as the person fills it in: a kind (month, quarter, year or custom) and its values,
/// turned into the service's <c>period</c> (YYYY-MM, YYYY-Qn, YYYY) or a <c>from</c>/<c>to</c> range. Every kind
/// starts from the period shown, so switching from a month to its quarter or year needs no typing.
/// </summary>
public sealed class ReportPeriodPicker
{
    public const string Month = "month";
    public const string Quarter = "quarter";
    public const string Year = "year";
    public const string Custom = "custom";

    public string Kind { get; set; } = Month;

    /// <summary>YYYY-MM, as a month input gives it.</summary>
    public string? MonthValue { get; set; }

    public int? YearValue { get; set; }

    public int QuarterValue { get; set; } = 1;

    /// <summary>YYYY-MM-DD, as a date input gives it.</summary>
    public string? FromValue { get; set; }

    public string? ToValue { get; set; }

    /// <summary>
    /// The picker showing <paramref name="query"/>'s period, whose first and last days are <paramref name="first"/>
    /// and <paramref name="last"/>: the other kinds start from the month, quarter and year of its first day.
    /// </summary>
    public static ReportPeriodPicker From(ReportQuery query, DateOnly first, DateOnly last)
    {
        var picker = new ReportPeriodPicker
        {
            MonthValue = first.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            YearValue = first.Year,
            QuarterValue = (first.Month + 2) / 3,
            FromValue = Day(first),
            ToValue = Day(last),
        };
        if (query.Period is not { } period)
        {
            picker.Kind = Custom;
            (picker.FromValue, picker.ToValue) = (query.From, query.To);
            return picker;
        }
        var year = int.TryParse(period.AsSpan(0, Math.Min(4, period.Length)), NumberStyles.None,
            CultureInfo.InvariantCulture, out var parsedYear) ? parsedYear : (int?)null;
        if (period.Length == 7 && period[5] is 'Q' or 'q' && period[6] is >= '1' and <= '4')
        {
            (picker.Kind, picker.YearValue, picker.QuarterValue) = (Quarter, year, period[6] - '0');
        }
        else if (period.Length == 4)
        {
            (picker.Kind, picker.YearValue) = (Year, year);
        }
        else
        {
            (picker.Kind, picker.MonthValue) = (Month, period);
        }
        return picker;
    }

    /// <summary>What the person still has to fill in before the period can be shown; null when nothing.</summary>
    public string? Missing => Kind switch
    {
        Quarter or Year when YearValue is null => "Enter a year.",
        Custom when string.IsNullOrWhiteSpace(FromValue) || string.IsNullOrWhiteSpace(ToValue) =>
            "Choose the first and the last day.",
        Month when string.IsNullOrWhiteSpace(MonthValue) => "Choose a month.",
        _ => null,
    };

    /// <summary>The period the picker names: a named one, or a custom range (whatever was typed; the service checks it).</summary>
    public (string? Period, string? From, string? To) ToPeriod() => Kind switch
    {
        Custom => (null, FromValue, ToValue),
        Quarter => ($"{YearValue?.ToString("D4", CultureInfo.InvariantCulture)}-Q{QuarterValue}", null, null),
        Year => (YearValue?.ToString("D4", CultureInfo.InvariantCulture), null, null),
        _ => (MonthValue, null, null),
    };

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
