using BillingOne.Web.Api;

namespace BillingOne.Web.Components.Metering;

/// <summary>
/// <c>GET /metering/usage-anomalies/export.csv</c>: metering's CSV of every usage anomaly, largest impact first, passed
/// through as the gateway sends it.
/// </summary>
public static class UsageAnomalyExportEndpoint
{
    public const string RelativePath = "metering/usage-anomalies/export.csv";

    public static IEndpointRouteBuilder MapUsageAnomalyExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/" + RelativePath, ExportAsync);
        return endpoints;
    }

    private static Task<IResult> ExportAsync(GatewayClient gateway, HttpContext context,
        CancellationToken cancellationToken) =>
        GatewayDownloads.PassThroughAsync(token => gateway.OpenDownloadAsync(UsageAnomaly.ExportPath, token), context,
            "usage-anomalies.csv", cancellationToken);
}
