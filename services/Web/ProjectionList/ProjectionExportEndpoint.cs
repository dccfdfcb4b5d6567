using BillingOne.Web.Api;

namespace BillingOne.Web.ProjectionList;

/// <summary>
/// <c>GET /metering/projections/export.csv</c>: the projection service's CSV of every usage projection matching the
/// list's filters and search, in the list's order, passed through as the gateway sends it.
/// </summary>
public static class ProjectionExportEndpoint
{
    public const string RelativePath = "metering/projections/export.csv";

    public static IEndpointRouteBuilder MapProjectionExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/" + RelativePath, ExportAsync);
        return endpoints;
    }

    private static Task<IResult> ExportAsync(string? status, string? search, string? sort, string? direction,
        GatewayClient gateway, HttpContext context, CancellationToken cancellationToken)
    {
        var filter = ProjectionListUrl.Parse(status, search, sort, direction, page: null);
        return GatewayDownloads.PassThroughAsync(
            token => gateway.OpenDownloadAsync(filter.ToExportUri(), token), context, "usage-projections.csv", cancellationToken);
    }
}
