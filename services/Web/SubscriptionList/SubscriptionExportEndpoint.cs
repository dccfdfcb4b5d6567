using BillingOne.Web.Api;

namespace BillingOne.Web.SubscriptionList;

/// <summary>
/// <c>GET /subscriptions/export.csv</c>: the subscription service's CSV of every subscription matching the list's
/// search, status and client scope, passed through as the gateway sends it.
/// </summary>
public static class SubscriptionExportEndpoint
{
    public const string RelativePath = "subscriptions/export.csv";

    public static IEndpointRouteBuilder MapSubscriptionExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/" + RelativePath, ExportAsync);
        return endpoints;
    }

    private static Task<IResult> ExportAsync(
        string? search, string? status, Guid? clientId, GatewayClient gateway, HttpContext context,
        CancellationToken cancellationToken)
    {
        var filter = SubscriptionListUrl.Parse(search, status, clientId, sort: null, direction: null, page: null);
        return GatewayDownloads.PassThroughAsync(
            token => gateway.OpenDownloadAsync(filter.ToExportUri(), token), context, "subscriptions.csv", cancellationToken);
    }
}
