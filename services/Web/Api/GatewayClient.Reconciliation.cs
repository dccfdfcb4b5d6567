using System.Text;

namespace BillingOne.Web.Api;

/// <summary>The Reconciliation, Sync tools and Missed billing pages' calls.</summary>
public sealed partial class GatewayClient
{
    public Task<PagedList<ReconciledClient>> GetReconciledClientsAsync(ReconciliationQuery query, CancellationToken cancellationToken) =>
        Get<PagedList<ReconciledClient>>(query.ToRequestUri(), cancellationToken);

    public Task<ReconciliationSummary> GetReconciliationSummaryAsync(ReconciliationQuery query, CancellationToken cancellationToken) =>
        Get<ReconciliationSummary>(query.ToSummaryUri(), cancellationToken);

    public Task<ReconciledClientDetail> GetReconciledClientAsync(Guid clientId, CancellationToken cancellationToken) =>
        Get<ReconciledClientDetail>($"{ReconciliationQuery.Path}/{clientId}", cancellationToken);

    public Task<SnapshotSchedule> GetSnapshotScheduleAsync(CancellationToken cancellationToken) =>
        Get<SnapshotSchedule>(SnapshotSchedule.Path, cancellationToken);

    public Task<SnapshotSchedule> SaveSnapshotScheduleAsync(SnapshotSchedule schedule, CancellationToken cancellationToken) =>
        Send<SnapshotSchedule>(HttpMethod.Put, SnapshotSchedule.Path, schedule, cancellationToken);

    public Task<PagedList<MissedBillingOpportunity>> GetMissedBillingAsync(MissedBillingQuery query, CancellationToken cancellationToken) =>
        Get<PagedList<MissedBillingOpportunity>>(query.ToRequestUri(), cancellationToken);

    public Task<MissedBillingSummary> GetMissedBillingSummaryAsync(MissedBillingQuery query, CancellationToken cancellationToken) =>
        Get<MissedBillingSummary>(query.ToSummaryUri(), cancellationToken);

    // The page reloads the list after a change, so the changed opportunity the service answers is not read.
    public Task DismissMissedBillingAsync(Guid id, string reason, CancellationToken cancellationToken) =>
        SendWithoutAnswerAsync(
            () => new HttpRequestMessage(HttpMethod.Post, $"{MissedBillingQuery.Path}/{id}/dismiss")
            {
                Content = Json(new DismissMissedBillingRequest(reason)),
            },
            cancellationToken);

    public Task MarkMissedBillingBilledAsync(Guid id, CancellationToken cancellationToken) =>
        SendWithoutAnswerAsync(() => new HttpRequestMessage(HttpMethod.Post, $"{MissedBillingQuery.Path}/{id}/bill"), cancellationToken);

    public Task ReopenMissedBillingAsync(Guid id, CancellationToken cancellationToken) =>
        SendWithoutAnswerAsync(() => new HttpRequestMessage(HttpMethod.Post, $"{MissedBillingQuery.Path}/{id}/reopen"), cancellationToken);

    public Task<PagedList<CatalogProduct>> GetCatalogAsync(CatalogQuery query, CancellationToken cancellationToken) =>
        Get<PagedList<CatalogProduct>>(query.ToRequestUri(), cancellationToken);

    public Task UpdateCatalogProductAsync(string productId, UpdateCatalogProductRequest change, CancellationToken cancellationToken) =>
        SendWithoutAnswerAsync(
            () => new HttpRequestMessage(HttpMethod.Put, CatalogQuery.ProductPath(productId)) { Content = Json(change) },
            cancellationToken);

    /// <summary>Back to Pax8's licence unit and price.</summary>
    public Task ResetCatalogProductAsync(string productId, CancellationToken cancellationToken) =>
        SendWithoutAnswerAsync(() => new HttpRequestMessage(HttpMethod.Delete, CatalogQuery.ProductPath(productId)), cancellationToken);

    /// <summary>Sets what the file's products cover: every row, or none when one is refused (a 400 naming its line).</summary>
    public Task<CatalogImport> ImportCatalogAsync(string csv, CancellationToken cancellationToken) =>
        SendAsync<CatalogImport>(
            () => new HttpRequestMessage(HttpMethod.Post, CatalogImportFile.Path)
            {
                Content = new StringContent(csv, Encoding.UTF8, "text/csv"),
            },
            cancellationToken);
}
