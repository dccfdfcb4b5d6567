using BillingOne.Web.Api;

namespace BillingOne.Web.Components.Metering;

/// <summary>
/// <c>GET /metering/ingest-exceptions/export.csv?search=&amp;clientId=</c>: metering's CSV of every ingest exception the
/// list's search and client filter match, newest first, passed through as the gateway sends it.
/// </summary>
public static class IngestExceptionExportEndpoint
{
    public const string RelativePath = "metering/ingest-exceptions/export.csv";

    public static IEndpointRouteBuilder MapIngestExceptionExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/" + RelativePath, ExportAsync);
        return endpoints;
    }

    /// <summary>Relative link to the CSV of what <paramref name="query"/> lists, every page of it.</summary>
    public static string Href(IngestExceptionQuery query) =>
        ApiQuery.Build(RelativePath, ("search", query.Search), ("clientId", query.ClientId));

    private static Task<IResult> ExportAsync(string? search, Guid? clientId, GatewayClient gateway, HttpContext context,
        CancellationToken cancellationToken)
    {
        var filter = new IngestExceptionQuery(search, clientId);
        return GatewayDownloads.PassThroughAsync(
            token => gateway.OpenDownloadAsync(filter.ToExportUri(), token), context, "ingest-exceptions.csv",
            cancellationToken);
    }
}
