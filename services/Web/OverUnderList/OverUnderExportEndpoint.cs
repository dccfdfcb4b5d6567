using BillingOne.Web.Api;

namespace BillingOne.Web.OverUnderList;

/// <summary>
/// The Over/Under page's CSV downloads, each the projection service's export of one table for the page's period and
/// filters, passed through as the gateway sends it:
/// <c>GET /metering/over-under/clients.csv</c>, <c>/right-size.csv</c> and <c>/unit-types.csv</c>.
/// </summary>
public static class OverUnderExportEndpoint
{
    public const string ClientsPath = "metering/over-under/clients.csv";
    public const string RightSizePath = "metering/over-under/right-size.csv";
    public const string UnitTypesPath = "metering/over-under/unit-types.csv";

    public static IEndpointRouteBuilder MapOverUnderExports(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/" + ClientsPath, (string? period, string? status, string? search, string? sort,
                string? direction, GatewayClient gateway, HttpContext context, CancellationToken cancellationToken) =>
            PassThroughAsync(OverUnderListUrl.Parse(period, status, search, sort, direction, page: null, unitType: null)
                .ToClientsExportUri(), "over-under-clients.csv", gateway, context, cancellationToken));
        endpoints.MapGet("/" + RightSizePath, (string? period, string? unitType, GatewayClient gateway,
                HttpContext context, CancellationToken cancellationToken) =>
            PassThroughAsync(Filter(period, unitType).ToRightSizeExportUri(), "right-size-candidates.csv", gateway,
                context, cancellationToken));
        endpoints.MapGet("/" + UnitTypesPath, (string? period, GatewayClient gateway, HttpContext context,
                CancellationToken cancellationToken) =>
            PassThroughAsync(Filter(period, unitType: null).ToUnitTypesExportUri(), "over-under-unit-types.csv", gateway,
                context, cancellationToken));
        return endpoints;
    }

    private static OverUnderQuery Filter(string? period, string? unitType) =>
        OverUnderListUrl.Parse(period, status: null, search: null, sort: null, direction: null, page: null, unitType);

    private static Task<IResult> PassThroughAsync(string uri, string fileName, GatewayClient gateway,
        HttpContext context, CancellationToken cancellationToken) =>
        GatewayDownloads.PassThroughAsync(token => gateway.OpenDownloadAsync(uri, token), context, fileName,
            cancellationToken);
}
