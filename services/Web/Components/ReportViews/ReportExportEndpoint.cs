using BillingOne.Web.Api;

namespace BillingOne.Web.Components.ReportViews;

/// <summary>
/// <c>GET /reports/{report}/export.csv?period=…</c>: the projection service's CSV of a report's table, passed through as
/// the gateway sends it (a bad period comes back as the service's problem).
/// </summary>
public static class ReportExportEndpoint
{
    public static IEndpointRouteBuilder MapReportExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/reports/{report}/export.csv", ExportAsync);
        return endpoints;
    }

    private static Task<IResult> ExportAsync(string report, string? period, string? from, string? to, string? sort,
        string? direction, string? table, GatewayClient gateway, HttpContext context, CancellationToken cancellationToken)
    {
        if (!ReportKinds.IsKnown(report))
        {
            return Task.FromResult(Results.NotFound());
        }
        var query = new ReportQuery(report, period, from, to, sort ?? ReportKinds.DefaultSort(report),
            direction ?? SortDirections.Descending, Table: table);
        return GatewayDownloads.PassThroughAsync(token => gateway.OpenDownloadAsync(query.ToExportUri(), token), context,
            table is null ? $"{report}.csv" : $"{report}-{table}.csv", cancellationToken);
    }
}
