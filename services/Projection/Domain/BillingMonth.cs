using System.Globalization;
using System.Text.RegularExpressions;

namespace BillingOne.Projection.Domain;

/// <summary>A bucket's period as the analytics name it: its calendar month, written <c>YYYY-MM</c>.</summary>
public readonly partial record struct BillingMonth(int Year, int Month)
{
    // Observations carry years 2000–9999; four digits cannot write a later one.
    private const int MinYear = 2000;

    /// <summary>The month before this one.</summary>
    public BillingMonth Previous => Month == 1 ? new BillingMonth(Year - 1, 12) : new BillingMonth(Year, Month - 1);

    public override string ToString() => $"{Year:D4}-{Month:D2}";

    /// <summary>
    /// A <c>YYYY-MM</c> query value (years 2000–9999, as observations carry them); null when absent. A value that is
    /// not one adds an error under <paramref name="parameter"/> saying whether it is malformed or out of range.
    /// </summary>
    public static BillingMonth? Parse(string? value, string parameter, IDictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        var match = YearMonth().Match(value.Trim());
        if (!match.Success)
        {
            errors[parameter] = [$"{parameter} must be a month written YYYY-MM, e.g. 2026-11."];
            return null;
        }
        var year = int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture);
        var month = int.Parse(match.Groups[2].ValueSpan, CultureInfo.InvariantCulture);
        if (year < MinYear || month is < 1 or > 12)
        {
            errors[parameter] = [$"{parameter} must be a month from {MinYear}-01 to 9999-12."];
            return null;
        }
        return new BillingMonth(year, month);
    }

    // [0-9] rather than \d, which would also take other scripts' digits.
    [GeneratedRegex("^([0-9]{4})-([0-9]{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex YearMonth();
}
