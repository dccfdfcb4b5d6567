using BillingOne.Web.Api;

namespace BillingOne.Web.ClientList;

/// <summary>
/// <c>GET /clients/export.csv</c>: every client matching the list's search and status filter, in the list's order.
/// A plain HTTP download (not a file pushed through the Blazor circuit) so the browser saves it natively.
/// </summary>
public static class ClientExportEndpoint
{
    public const string RelativePath = "clients/export.csv";

    /// <summary>Page size used to walk the read model; the API may cap it lower, which paging still handles.</summary>
    public const int ExportPageSize = 100;

    public static IEndpointRouteBuilder MapClientExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/" + RelativePath, ExportAsync);
        return endpoints;
    }

    public static Task<IReadOnlyList<ClientListItem>> LoadAllAsync(
        GatewayClient gateway, ClientListQuery filter, CancellationToken cancellationToken) =>
        PagedLists.LoadAllAsync(
            (page, pageSize, token) => gateway.GetClientsAsync(filter with { Page = page, PageSize = pageSize }, token),
            ExportPageSize, cancellationToken);

    private static async Task<IResult> ExportAsync(
        string? search, string? status, string? sort, string? direction,
        GatewayClient gateway, TimeProvider time, CancellationToken cancellationToken)
    {
        var filter = ClientListUrl.Parse(search, status, sort, direction, page: null);
        IReadOnlyList<ClientListItem> clients;
        try
        {
            clients = await LoadAllAsync(gateway, filter, cancellationToken);
        }
        catch (ApiProblemException exception)
        {
            return DownloadProblems.From(exception.Problem);
        }

        var file = new MemoryStream();
        await ClientCsv.WriteAsync(clients, file, cancellationToken);
        file.Position = 0;
        var today = time.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return Results.File(file, "text/csv; charset=utf-8", $"clients-{today}.csv");
    }
}
