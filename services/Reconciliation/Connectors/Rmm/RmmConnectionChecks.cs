using BillingOne.BuildingBlocks.Http.OAuth;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace BillingOne.Reconciliation.Connectors.Rmm;

public static class RmmConnectionChecks
{
    /// <summary>Runs a probe and turns the failures an RMM can cause into a reason; bugs still throw.</summary>
    public static async Task<RmmConnectionCheck> RunAsync(RmmVendor vendor, Func<Task> probe)
    {
        try
        {
            await probe();
            return new RmmConnectionCheck(vendor, null);
        }
        catch (Exception exception) when (exception is HttpRequestException or AccessTokenRequestException
            or RmmPageRejectedException or TimeoutRejectedException or BrokenCircuitException)
        {
            return new RmmConnectionCheck(vendor, exception.Message);
        }
    }
}
