using BillingOne.Web.Api;

namespace BillingOne.Web.MissedBillingList;

/// <summary>
/// <c>GET /missed-billing/export.csv</c>: reconciliation's CSV of every missed-billing opportunity matching the list's
/// filters and search, in the list's order, passed through as the gateway sends it.
/// </summary>
public static class MissedBillingExportEndpoint
{
    public const string RelativePath = "missed-billing/export.csv";

    public static IEndpointRouteBuilder MapMissedBillingExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/" + RelativePath, ExportAsync);
        return endpoints;
    }

    private static Task<IResult> ExportAsync(
        string? kind, string? state, Guid? clientId, string? search, string? from, string? to, string? sort, string? direction,
        GatewayClient gateway, HttpContext context, CancellationToken cancellationToken)
    {
        var filter = MissedBillingListUrl.Parse(kind, state, clientId, search, from, to, sort, direction, page: null);
        return GatewayDownloads.PassThroughAsync(
            token => gateway.OpenDownloadAsync(filter.ToExportUri(), token), context, "missed-billing.csv", cancellationToken);
    }
}
