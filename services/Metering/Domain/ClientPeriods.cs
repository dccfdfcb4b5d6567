namespace BillingOne.Metering.Domain;

/// <summary>The billing period a client is in: the calendar month of its time zone (docs/domain.md).</summary>
public static class ClientPeriods
{
    /// <summary>
    /// The zone a client's periods are cut in. Clients metering has not heard of yet, and zones this machine does not
    /// know, fall back to UTC: the organization default (organizations have no zone setting of their own yet).
    /// </summary>
    public static TimeZoneInfo ResolveTimeZone(string? timeZoneId) =>
        timeZoneId is not null && TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>The period open at <paramref name="instant"/> for a client in <paramref name="timeZoneId"/>.</summary>
    public static BillingPeriod OpenAt(DateTimeOffset instant, string? timeZoneId) =>
        BillingPeriod.Containing(instant, ResolveTimeZone(timeZoneId));

    /// <summary>The calendar month (<paramref name="year"/>, <paramref name="month"/>) for a client in <paramref name="timeZoneId"/>.</summary>
    public static BillingPeriod ForMonth(int year, int month, string? timeZoneId) =>
        BillingPeriod.ForMonth(year, month, ResolveTimeZone(timeZoneId));
}
