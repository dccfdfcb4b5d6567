namespace BillingOne.Web.Api;

/// <summary>The licence adjustment panel's calls.</summary>
public sealed partial class GatewayClient
{
    /// <summary>The client's adjustments still waiting for a person: proposed, failed, or left applying.</summary>
    public Task<PagedList<LicenceAdjustment>> GetOpenAdjustmentsAsync(Guid clientId, CancellationToken cancellationToken) =>
        SendAsync<PagedList<LicenceAdjustment>>(() => new HttpRequestMessage(HttpMethod.Get,
            $"{LicenceAdjustmentStates.Path}?clientId={clientId}&state=proposed,failed,applying&pageSize=200"), cancellationToken);

    /// <summary>Proposes the quantity of one covering product (<paramref name="productId"/>) for its covered devices.</summary>
    public Task<LicenceAdjustmentProposal> ProposeAdjustmentAsync(Guid clientId, int devices, Guid? productId,
        CancellationToken cancellationToken) =>
        SendAsync<LicenceAdjustmentProposal>(() => new HttpRequestMessage(HttpMethod.Post, LicenceAdjustmentStates.Path)
        {
            Content = Json(new ProposeAdjustmentRequest(clientId, devices, productId)),
        }, cancellationToken);

    public Task<LicenceAdjustment> ApproveAdjustmentAsync(Guid id, int? quantity, CancellationToken cancellationToken) =>
        SendAsync<LicenceAdjustment>(() => new HttpRequestMessage(HttpMethod.Post, $"{LicenceAdjustmentStates.Path}/{id}/approve")
        {
            Content = Json(new ApproveAdjustmentRequest(quantity)),
        }.WaitingOnVendor(VendorWriteTimeout.PerRow), cancellationToken);

    public Task<LicenceAdjustment> RetryAdjustmentAsync(Guid id, CancellationToken cancellationToken) =>
        SendAsync<LicenceAdjustment>(() => new HttpRequestMessage(HttpMethod.Post, $"{LicenceAdjustmentStates.Path}/{id}/retry")
            .WaitingOnVendor(VendorWriteTimeout.PerRow),
            cancellationToken);

    public Task<LicenceAdjustment> DismissAdjustmentAsync(Guid id, CancellationToken cancellationToken) =>
        SendAsync<LicenceAdjustment>(() => new HttpRequestMessage(HttpMethod.Post, $"{LicenceAdjustmentStates.Path}/{id}/dismiss"),
            cancellationToken);

    public Task<BulkApproval> ApproveAdjustmentsAsync(IReadOnlyList<Guid> ids, CancellationToken cancellationToken) =>
        SendAsync<BulkApproval>(() => new HttpRequestMessage(HttpMethod.Post, $"{LicenceAdjustmentStates.Path}/approve")
        {
            Content = Json(new BulkApproveRequest(ids)),
        }.WaitingOnVendor(VendorWriteTimeout.PerRow * Math.Max(1, ids.Count)), cancellationToken);
}
