using Polly;

namespace BillingOne.Web.Api;

/// <summary>
/// A gateway call that waits on a vendor's write (a licence change sent to Pax8, which retries a 5xx with backoff for
/// up to minutes) gets the time that write may take instead of a read's short timeouts; cutting it short would show
/// the row unchanged while the service goes on to apply or fail it.
/// </summary>
public static class VendorWriteTimeout
{
    /// <summary>Covers the Pax8 connector's whole retry budget (3 minutes) with room for the service's own work.</summary>
    public static readonly TimeSpan PerRow = TimeSpan.FromMinutes(4);

    private static readonly HttpRequestOptionsKey<TimeSpan> Key = new("BillingOne.VendorWriteTimeout");

    public static HttpRequestMessage WaitingOnVendor(this HttpRequestMessage request, TimeSpan timeout)
    {
        request.Options.Set(Key, timeout);
        return request;
    }

    /// <summary>The request's vendor write time, or <paramref name="otherwise"/> for every other call.</summary>
    public static TimeSpan Of(ResilienceContext context, TimeSpan otherwise) =>
        context.GetRequestMessage() is { } request && request.Options.TryGetValue(Key, out var timeout) ? timeout : otherwise;
}
