using System.Globalization;

namespace BillingOne.Web.Formatting;

/// <summary>How long something took, to the second: 42 s, 3 min 05 s, 1 h 02 min.</summary>
public static class DurationFormat
{
    public static string Format(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero)
        {
            // A clock a little behind the server's; the job has only just started.
            duration = TimeSpan.Zero;
        }

        return duration.TotalMinutes < 1 ? string.Create(CultureInfo.InvariantCulture, $"{duration.Seconds} s")
            : duration.TotalHours < 1 ? string.Create(CultureInfo.InvariantCulture, $"{duration.Minutes} min {duration.Seconds:D2} s")
            : string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalHours} h {duration.Minutes:D2} min");
    }
}
