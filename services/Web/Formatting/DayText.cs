using System.Globalization;

namespace BillingOne.Web.Formatting;

/// <summary>A day as the services and a date input write it: YYYY-MM-DD.</summary>
public static class DayText
{
    public const string Format = "yyyy-MM-dd";

    public static string Write(DateOnly day) => day.ToString(Format, CultureInfo.InvariantCulture);

    public static string? Write(DateOnly? day) => day is { } known ? Write(known) : null;

    /// <summary>The day, or null when the text is blank or not a day (a hand-edited address reads as no filter).</summary>
    public static DateOnly? Read(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : null;
}
