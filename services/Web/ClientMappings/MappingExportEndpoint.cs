using BillingOne.Web.Api;

namespace BillingOne.Web.ClientMappings;

/// <summary><c>GET /clients/mappings/export.csv</c>: every record of a mappings tab matching its filter and search.</summary>
public static class MappingExportEndpoint
{
    public const string RelativePath = "clients/mappings/export.csv";

    /// <summary>Page size used to walk the list; the API may cap it lower, which paging still handles.</summary>
    public const int ExportPageSize = 100;

    public static IEndpointRouteBuilder MapMappingExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/" + RelativePath, ExportAsync);
        return endpoints;
    }

    private static async Task<IResult> ExportAsync(
        string? vendor, string? state, string? search, GatewayClient gateway, TimeProvider time, CancellationToken cancellationToken)
    {
        var filter = MappingListUrl.Parse(vendor, state, search, page: null);
        IReadOnlyList<VendorMapping> mappings;
        try
        {
            mappings = await PagedLists.LoadAllAsync(
                (page, pageSize, token) => gateway.GetMappingsAsync(filter with { Page = page, PageSize = pageSize }, token),
                ExportPageSize, cancellationToken);
        }
        catch (ApiProblemException exception)
        {
            return DownloadProblems.From(exception.Problem);
        }

        var file = new MemoryStream();
        await MappingCsv.WriteAsync(mappings, file, cancellationToken);
        file.Position = 0;
        var today = time.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return Results.File(file, "text/csv; charset=utf-8", $"{filter.Vendor}-mappings-{today}.csv");
    }
}
