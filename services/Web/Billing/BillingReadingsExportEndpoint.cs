using BillingOne.Web.Api;

namespace BillingOne.Web.Billing;

/// <summary>
/// <c>GET /metering/billing-readings/export?period=YYYY-MM</c>: the metering service's export (one CSV, or a zip of
/// one CSV per billing type) passed through as the gateway sends it.
/// </summary>
public static class BillingReadingsExportEndpoint
{
    public const string RelativePath = "metering/billing-readings/export";

    public static IEndpointRouteBuilder MapBillingReadingsExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/" + RelativePath, ExportAsync);
        return endpoints;
    }

    /// <summary>Relative link to the export of <paramref name="period"/>; null exports the most recently loaded period.</summary>
    public static string Href(string? period) => ApiQuery.Build(RelativePath, ("period", period));

    private static Task<IResult> ExportAsync(
        string? period, GatewayClient gateway, HttpContext context, CancellationToken cancellationToken) =>
        GatewayDownloads.PassThroughAsync(
            token => gateway.OpenBillingReadingsExportAsync(period, token), context, "billing-readings.csv", cancellationToken);
}
