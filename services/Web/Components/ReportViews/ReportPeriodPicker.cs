using System.Globalization;
using BillingOne.Web.Api;

namespace BillingOne.Web.Components.ReportViews;

/// <summary>
/// The Reports page's period picker as the person fills it in: a kind (month, quarter, year or custom) and its values,
/// turned into the service's <c>period</c> (YYYY-MM, YYYY-Qn, YYYY) or a <c>from</c>/<c>to</c> range.
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

    /// <summary>The picker showing <paramref name="query"/>'s period.</summary>
    public static ReportPeriodPicker From(ReportQuery query)
    {
        if (query.Period is not { } period)
        {
            return new ReportPeriodPicker { Kind = Custom, FromValue = query.From, ToValue = query.To };
        }
        var year = int.TryParse(period.AsSpan(0, Math.Min(4, period.Length)), NumberStyles.None,
            CultureInfo.InvariantCulture, out var parsedYear) ? parsedYear : (int?)null;
        if (period.Length == 7 && period[5] is 'Q' or 'q' && period[6] is >= '1' and <= '4')
        {
            return new ReportPeriodPicker { Kind = Quarter, YearValue = year, QuarterValue = period[6] - '0' };
        }
        return period.Length == 4
            ? new ReportPeriodPicker { Kind = Year, YearValue = year }
            : new ReportPeriodPicker { Kind = Month, MonthValue = period };
    }

    /// <summary>The period the picker names: a named one, or a custom range (whatever was typed; the service checks it).</summary>
    public (string? Period, string? From, string? To) ToPeriod() => Kind switch
    {
        Custom => (null, FromValue, ToValue),
        Quarter => ($"{YearValue?.ToString("D4", CultureInfo.InvariantCulture)}-Q{QuarterValue}", null, null),
        Year => (YearValue?.ToString("D4", CultureInfo.InvariantCulture), null, null),
        _ => (MonthValue, null, null),
    };
}
