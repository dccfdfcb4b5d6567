using BillingOne.BuildingBlocks.Retention;
using BillingOne.Ingestion.Data;

namespace BillingOne.Ingestion.Application;

/// <summary>
/// Keeps webhook receipts (each delivery's raw body, for investigations) for <c>Webhooks:ReceiptRetention</c>
/// (default 30 days); the service's retention purge deletes older ones in batches. Vendors stop redelivering within a
/// day, so the per-event dedupe rows deleted with them guard nothing any more.
/// </summary>
public sealed class WebhookReceiptPurge(WebhookReceiptStore receipts, IConfiguration configuration) : IRetentionPurge
{
    public const string RetentionSetting = "Webhooks:ReceiptRetention";

    public static readonly TimeSpan DefaultRetention = TimeSpan.FromDays(30);

    public string Name => "webhook-receipts";

    public Task<int> DeleteBatchAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken) =>
        receipts.PurgeAsync(now - configuration.GetValue(RetentionSetting, DefaultRetention), batchSize,
            cancellationToken);
}
