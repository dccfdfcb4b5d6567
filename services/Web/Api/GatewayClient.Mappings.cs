using System.Text;

namespace BillingOne.Web.Api;

/// <summary>The Client mappings page's calls.</summary>
public sealed partial class GatewayClient
{
    public Task<PagedList<VendorMapping>> GetMappingsAsync(MappingListQuery query, CancellationToken cancellationToken) =>
        Get<PagedList<VendorMapping>>(query.ToRequestUri(), cancellationToken);

    public async Task<MappingSummary> GetMappingSummaryAsync(CancellationToken cancellationToken) =>
        new(await Get<Dictionary<string, VendorMappingCounts>>($"{MappingListQuery.Path}/summary", cancellationToken));

    public Task<MappingResults> ApplyMappingsAsync(IReadOnlyList<MappingItem> items, CancellationToken cancellationToken) =>
        Send<MappingResults>(HttpMethod.Post, $"{MappingListQuery.Path}/apply", new MappingItems<MappingItem>(items), cancellationToken);

    public Task<MappingResults> RejectMappingsAsync(IReadOnlyList<MappingItem> items, CancellationToken cancellationToken) =>
        Send<MappingResults>(HttpMethod.Post, $"{MappingListQuery.Path}/reject", new MappingItems<MappingItem>(items), cancellationToken);

    public Task<MappingResults> UnmapAsync(IReadOnlyList<UnmapItem> items, CancellationToken cancellationToken) =>
        Send<MappingResults>(HttpMethod.Post, $"{MappingListQuery.Path}/unmap", new MappingItems<UnmapItem>(items), cancellationToken);

    /// <param name="dryRun">Only reports what each row would do.</param>
    public Task<MappingImport> ImportMappingsAsync(string csv, bool dryRun, CancellationToken cancellationToken) =>
        SendAsync<MappingImport>(
            () => new HttpRequestMessage(HttpMethod.Post, ApiQuery.Build($"{MappingListQuery.Path}/import", ("dryRun", dryRun ? true : null)))
            {
                Content = new StringContent(csv, Encoding.UTF8, "text/csv"),
            },
            cancellationToken);

    public Task<CreatedMappedClient> CreateClientFromMappingAsync(
        CreateClientFromMappingRequest request, CancellationToken cancellationToken) =>
        Send<CreatedMappedClient>(HttpMethod.Post, $"{MappingListQuery.Path}/create-client", request, cancellationToken);
}
