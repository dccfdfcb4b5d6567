using BillingOne.BuildingBlocks.Http.OAuth;
using Polly.Timeout;

namespace BillingOne.Reconciliation.Connectors.Rmm;

public static class RmmConnectionChecks
{
    /// <summary>
    /// Reads every organization (a page or two: RMMs list hundreds, not thousands) and turns the failures an RMM can
    /// cause into a reason; bugs still throw.
    /// </summary>
    public static async Task<RmmConnectionCheck> CountOrganizationsAsync(IRmmConnector connector,
        CancellationToken cancellationToken)
    {
        try
        {
            var organizations = await connector.ListOrganizationsAsync(cancellationToken).CountAsync(cancellationToken);
            return new RmmConnectionCheck(connector.Vendor, organizations, null);
        }
        catch (Exception exception) when (exception is HttpRequestException or AccessTokenRequestException
            or RmmPageRejectedException or TimeoutRejectedException)
        {
            return new RmmConnectionCheck(connector.Vendor, null, exception.Message);
        }
    }
}
