using BillingOne.Web.Api;

namespace BillingOne.Web.DomainsHostingList;

/// <summary>
/// <c>GET /domains-hosting/export.csv</c>: reconciliation's CSV of every row of a tab matching the page's search,
/// "expiring soon" filter and client scope, passed through as the gateway sends it.
/// </summary>
public static class DomainsHostingExportEndpoint
{
    public const string RelativePath = "domains-hosting/export.csv";

    public static IEndpointRouteBuilder MapDomainsHostingExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/" + RelativePath, ExportAsync);
        return endpoints;
    }

    private static Task<IResult> ExportAsync(
        string? tab, string? search, bool? expiring, Guid? clientId, string? sort, string? direction, GatewayClient gateway,
        HttpContext context, CancellationToken cancellationToken)
    {
        var filter = DomainsHostingListUrl.Parse(tab, search, expiring, clientId, sort, direction, page: null);
        return GatewayDownloads.PassThroughAsync(token => gateway.OpenDownloadAsync(filter.ToExportUri(), token), context,
            filter.Tab == DomainsHostingTabs.Certificates ? "ssl-certificates.csv" : $"{filter.Tab}.csv",
            cancellationToken);
    }
}
