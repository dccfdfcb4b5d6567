using System.Globalization;

namespace BillingOne.Web.Formatting;

/// <summary>
/// Times as the admin pages show them: UTC, to the minute, marked as UTC so nobody reads them as local time
/// (the services store and answer UTC).
/// </summary>
public static class TimestampFormat
{
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

    /// <param name="whenMissing">What a missing time means here, e.g. "Never" for a key not used yet.</param>
    public static string Format(DateTimeOffset? time, string whenMissing) =>
        time is null ? whenMissing : Format(time.Value);

    /// <summary>
    /// To the second, and its fraction when it has one: where two times are compared that may be less than a minute
    /// apart (a reading's observed time).
    /// </summary>
    public static string Exact(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture) + " UTC";

    /// <summary>Machine-readable form for the <c>datetime</c> attribute of <c>&lt;time&gt;</c>.</summary>
    public static string Iso(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
