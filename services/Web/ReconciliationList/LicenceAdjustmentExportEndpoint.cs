using BillingOne.Web.Api;

namespace BillingOne.Web.ReconciliationList;

/// <summary>
/// <c>GET /reconciliation/{clientId}/licence-adjustments.csv</c>: every licence adjustment of the client (each state,
/// newest first) as the subscription service writes it, passed through as the gateway sends it.
/// </summary>
public static class LicenceAdjustmentExportEndpoint
{
    public static string Href(Guid clientId) => $"reconciliation/{clientId}/licence-adjustments.csv";

    public static IEndpointRouteBuilder MapLicenceAdjustmentExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/reconciliation/{clientId:guid}/licence-adjustments.csv", ExportAsync);
        return endpoints;
    }

    private static Task<IResult> ExportAsync(Guid clientId, GatewayClient gateway, HttpContext context,
        CancellationToken cancellationToken) =>
        GatewayDownloads.PassThroughAsync(
            token => gateway.OpenDownloadAsync($"{LicenceAdjustmentStates.Path}/export?clientId={clientId}", token),
            context, "licence-adjustments.csv", cancellationToken);
}
