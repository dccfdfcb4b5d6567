using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Options;

namespace BillingOne.Invoice.Connectors.Xero;

/// <summary>
/// Slows down before Xero's limits answer 429 (docs/vendors.md, Xero): every answer carries the tenant's calls left in
/// the rolling minute (<c>X-MinLimit-Remaining</c>, of 60) and day (<c>X-DayLimit-Remaining</c>, of 5000), and the app's
/// calls left in the minute across all its tenants (<c>X-AppMinLimit-Remaining</c>, of 10,000). Once a tenant's minute, or
/// the app's, is down to <see cref="XeroConnectorOptions.MinuteLimitReserve"/> the next call to that tenant (to any
/// tenant) waits until a minute has passed since that answer; once the day is down to
/// <see cref="XeroConnectorOptions.DayLimitReserve"/> calls are not made for an hour (<see cref="XeroDailyLimitException"/>),
/// leaving the reserve for what cannot wait. Shared by every client in the process; an answer without the headers
/// changes nothing.
/// </summary>
public sealed class XeroRateGate(IOptions<XeroConnectorOptions> options, TimeProvider clock)
{
    public const string MinuteRemainingHeader = "X-MinLimit-Remaining";
    public const string DayRemainingHeader = "X-DayLimit-Remaining";
    public const string AppMinuteRemainingHeader = "X-AppMinLimit-Remaining";

    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    /// <summary>How long a tenant's day is treated as used up before a call is tried again.</summary>
    public static readonly TimeSpan DayPause = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<Guid, Remaining> remaining = new();

    /// <summary>The app's minute as the latest answer that named it left it.</summary>
    private Remaining? app;

    /// <summary>Notes what <paramref name="response"/> says is left for <paramref name="tenantId"/> and for the app.</summary>
    public void Observe(Guid tenantId, HttpResponseMessage response)
    {
        var now = clock.GetUtcNow();
        if (Number(response, AppMinuteRemainingHeader) is { } appMinute)
        {
            app = new Remaining(appMinute, null, now);
        }
        var minute = Number(response, MinuteRemainingHeader);
        var day = Number(response, DayRemainingHeader);
        if (minute is null && day is null)
        {
            return;
        }
        remaining.AddOrUpdate(tenantId, _ => new Remaining(minute, day, now),
            (_, before) => new Remaining(minute ?? before.Minute, day ?? before.Day, now));
    }

    /// <summary>
    /// How long to wait before the next call to <paramref name="tenantId"/>; throws <see cref="XeroDailyLimitException"/>
    /// while the day's calls are down to the reserve.
    /// </summary>
    public TimeSpan DelayBefore(Guid tenantId)
    {
        var now = clock.GetUtcNow();
        var settings = options.Value;
        if (remaining.TryGetValue(tenantId, out var left) && left.Day is { } day && day <= settings.DayLimitReserve
            && now < left.At + DayPause)
        {
            throw new XeroDailyLimitException(left.At + DayPause);
        }
        return new[] { left, app }.Max(minute => MinuteWait(minute, settings.MinuteLimitReserve, now));
    }

    /// <summary>Until a minute after the answer that left the minute down to the reserve; else none.</summary>
    private static TimeSpan MinuteWait(Remaining? left, int reserve, DateTimeOffset now) =>
        left is { Minute: { } minute } && minute <= reserve && now < left.At + Minute ? left.At + Minute - now : TimeSpan.Zero;

    private static int? Number(HttpResponseMessage response, string header) =>
        response.Headers.TryGetValues(header, out var values)
        && int.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;

    private sealed record Remaining(int? Minute, int? Day, DateTimeOffset At);
}
