using BillingOne.Web.Api;

namespace BillingOne.Web.ReconciliationList;

/// <summary>
/// <c>GET /reconciliation/export.csv</c>: reconciliation's CSV of every client matching the list's search and status,
/// in the list's order, passed through as the gateway sends it; <c>GET /reconciliation/export-products.csv</c> the
/// same clients one row per covering product.
/// </summary>
public static class ReconciliationExportEndpoint
{
    public const string RelativePath = "reconciliation/export.csv";
    public const string ProductsRelativePath = "reconciliation/export-products.csv";

    public static IEndpointRouteBuilder MapReconciliationExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/" + RelativePath, ExportAsync);
        endpoints.MapGet("/" + ProductsRelativePath, ExportProductsAsync);
        return endpoints;
    }

    private static Task<IResult> ExportAsync(
        string? search, string? status, string? sort, string? direction, GatewayClient gateway, HttpContext context,
        CancellationToken cancellationToken)
    {
        var filter = ReconciliationListUrl.Parse(search, status, sort, direction, page: null);
        return GatewayDownloads.PassThroughAsync(
            token => gateway.OpenDownloadAsync(filter.ToExportUri(), token), context, "reconciliation.csv", cancellationToken);
    }

    private static Task<IResult> ExportProductsAsync(
        string? search, string? status, string? sort, string? direction, GatewayClient gateway, HttpContext context,
        CancellationToken cancellationToken)
    {
        var filter = ReconciliationListUrl.Parse(search, status, sort, direction, page: null);
        return GatewayDownloads.PassThroughAsync(token => gateway.OpenDownloadAsync(filter.ToProductsExportUri(), token),
            context, "reconciliation-products.csv", cancellationToken);
    }
}
