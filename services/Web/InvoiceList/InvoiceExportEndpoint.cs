using BillingOne.Web.Api;

namespace BillingOne.Web.InvoiceList;

/// <summary>
/// <c>GET /invoices/export.csv</c>: the invoice service's CSV of every invoice matching the list's search, filters
/// and client scope, passed through as the gateway sends it.
/// </summary>
public static class InvoiceExportEndpoint
{
    public const string RelativePath = "invoices/export.csv";

    public static IEndpointRouteBuilder MapInvoiceExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/" + RelativePath, ExportAsync);
        return endpoints;
    }

    private static Task<IResult> ExportAsync(
        string? search, string? status, string? source, Guid? clientId, string? unmapped, string? from, string? to,
        GatewayClient gateway, HttpContext context, CancellationToken cancellationToken)
    {
        var filter = InvoiceListUrl.Parse(search, status, source, clientId, unmapped, from, to, sort: null, direction: null,
            page: null);
        return GatewayDownloads.PassThroughAsync(
            token => gateway.OpenDownloadAsync(filter.ToExportUri(), token), context, "invoices.csv", cancellationToken);
    }
}
