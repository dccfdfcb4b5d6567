using BillingOne.Web.Api;
using Polly;

namespace BillingOne.Web.Tests.Api;

/// <summary>A call waiting on a vendor's write gets the write's time; every other call keeps a read's timeouts.</summary>
[Trait("Category", "Unit")]
public sealed class VendorWriteTimeoutTests
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public void An_approval_sent_to_Pax8_waits_for_the_connectors_whole_retry_budget()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/subscription/adjustments/x/approve")
            .WaitingOnVendor(VendorWriteTimeout.PerRow * 3);

        TimeoutOf(request).ShouldBe(TimeSpan.FromMinutes(12));
    }

    [Fact]
    public void Any_other_call_keeps_the_read_timeout()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/subscription/adjustments");

        TimeoutOf(request).ShouldBe(ReadTimeout);
    }

    private static TimeSpan TimeoutOf(HttpRequestMessage request)
    {
        var context = ResilienceContextPool.Shared.Get();
        try
        {
            context.SetRequestMessage(request);
            return VendorWriteTimeout.Of(context, ReadTimeout);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }
}
