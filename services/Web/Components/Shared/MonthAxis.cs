using System.Globalization;

namespace BillingOne.Web.Components.Shared;

/// <summary>A chart's axis of months (YYYY-MM): every month from the first to the last, months without figures included.</summary>
public static class MonthAxis
{
    private const string Format = "yyyy-MM";

    /// <summary>
    /// Every month from the earliest of <paramref name="months"/> to the latest, oldest first; a value that is not a
    /// month is kept where it sorts, so nothing the service sent is dropped.
    /// </summary>
    public static IReadOnlyList<string> Every(IEnumerable<string> months)
    {
        var known = months.Distinct().Order(StringComparer.Ordinal).ToList();
        var parsed = known.Select(Read).OfType<DateOnly>().ToList();
        if (parsed.Count == 0)
        {
            return known;
        }
        var filled = new List<string>();
        for (var month = parsed[0]; month <= parsed[^1]; month = month.AddMonths(1))
        {
            filled.Add(month.ToString(Format, CultureInfo.InvariantCulture));
        }
        return [.. filled.Union(known).Order(StringComparer.Ordinal)];
    }

    private static DateOnly? Read(string month) =>
        DateOnly.TryParseExact(month, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var first)
            ? first
            : null;
}
