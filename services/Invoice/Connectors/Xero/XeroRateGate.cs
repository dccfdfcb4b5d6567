using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Options;

namespace BillingOne.Invoice.Connectors.Xero;

/// <summary>
/// Slows down before Xero's limits answer 429 (docs/vendors.md, Xero): every answer carries the tenant's calls left in
/// the rolling minute (<c>X-MinLimit-Remaining</c>, of 60) and day (<c>X-DayLimit-Remaining</c>, of 5000). Once the minute
/// is down to <see cref="XeroConnectorOptions.MinuteLimitReserve"/> the next call to that tenant waits until a minute has
/// passed since that answer; once the day is down to <see cref="XeroConnectorOptions.DayLimitReserve"/> calls are not
/// made for an hour (<see cref="XeroDailyLimitException"/>), leaving the reserve for what cannot wait. Shared by every
/// client of a tenant in the process; an answer without the headers changes nothing.
/// </summary>
public sealed class XeroRateGate(IOptions<XeroConnectorOptions> options, TimeProvider clock)
{
    public const string MinuteRemainingHeader = "X-MinLimit-Remaining";
    public const string DayRemainingHeader = "X-DayLimit-Remaining";

    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    /// <summary>How long a tenant's day is treated as used up before a call is tried again.</summary>
    public static readonly TimeSpan DayPause = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<Guid, Remaining> remaining = new();

    /// <summary>Notes what <paramref name="response"/> says is left for <paramref name="tenantId"/>.</summary>
    public void Observe(Guid tenantId, HttpResponseMessage response)
    {
        var minute = Number(response, MinuteRemainingHeader);
        var day = Number(response, DayRemainingHeader);
        if (minute is null && day is null)
        {
            return;
        }
        var now = clock.GetUtcNow();
        remaining.AddOrUpdate(tenantId, _ => new Remaining(minute, day, now),
            (_, before) => new Remaining(minute ?? before.Minute, day ?? before.Day, now));
    }

    /// <summary>
    /// How long to wait before the next call to <paramref name="tenantId"/>; throws <see cref="XeroDailyLimitException"/>
    /// while the day's calls are down to the reserve.
    /// </summary>
    public TimeSpan DelayBefore(Guid tenantId)
    {
        if (!remaining.TryGetValue(tenantId, out var left))
        {
            return TimeSpan.Zero;
        }
        var now = clock.GetUtcNow();
        var settings = options.Value;
        if (left.Day is { } day && day <= settings.DayLimitReserve && now < left.At + DayPause)
        {
            throw new XeroDailyLimitException(left.At + DayPause);
        }
        if (left.Minute is { } minute && minute <= settings.MinuteLimitReserve && now < left.At + Minute)
        {
            return left.At + Minute - now;
        }
        return TimeSpan.Zero;
    }

    private static int? Number(HttpResponseMessage response, string header) =>
        response.Headers.TryGetValues(header, out var values)
        && int.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;

    private sealed record Remaining(int? Minute, int? Day, DateTimeOffset At);
}
