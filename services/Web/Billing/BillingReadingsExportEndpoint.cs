using BillingOne.Web.Api;

namespace BillingOne.Web.Billing;

/// <summary>
/// <c>GET /metering/billing-readings/export?period=YYYY-MM</c>: the metering service's export (one CSV, or a zip of
/// one CSV per billing type) passed through as the gateway sends it. The gateway wants the user's session token,
/// which only the web app holds, so the browser downloads from here rather than from the gateway.
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

    private static async Task<IResult> ExportAsync(
        string? period, GatewayClient gateway, HttpContext context, CancellationToken cancellationToken)
    {
        HttpResponseMessage export;
        try
        {
            export = await gateway.OpenBillingReadingsExportAsync(period, cancellationToken);
        }
        catch (ApiProblemException exception)
        {
            return DownloadProblems.From(exception.Problem);
        }

        // The answer's stream is read while the result writes it, so the answer lives as long as the request.
        context.Response.RegisterForDispose(export);
        var headers = export.Content.Headers;
        var fileName = headers.ContentDisposition?.FileNameStar
            ?? headers.ContentDisposition?.FileName?.Trim('"')
            ?? "billing-readings.csv";
        return Results.Stream(
            await export.Content.ReadAsStreamAsync(cancellationToken),
            headers.ContentType?.ToString() ?? "application/octet-stream",
            fileName);
    }
}
