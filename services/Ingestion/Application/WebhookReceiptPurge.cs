using BillingOne.BuildingBlocks.Hosting;
using BillingOne.Ingestion.Data;

namespace BillingOne.Ingestion.Application;

/// <summary>
/// Keeps webhook receipts (each delivery's raw body, for investigations) for <c>Webhooks:ReceiptRetention</c>
/// (default 30 days) and deletes older ones every <c>Webhooks:ReceiptPurgeInterval</c> (default an hour), in batches so
/// a long backlog never holds one big transaction.
/// </summary>
public sealed partial class WebhookReceiptPurge(
    WebhookReceiptStore receipts,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger<WebhookReceiptPurge> logger) : PeriodicWorker(clock)
{
    public const string RetentionSetting = "Webhooks:ReceiptRetention";
    public const string IntervalSetting = "Webhooks:ReceiptPurgeInterval";

    public static readonly TimeSpan DefaultRetention = TimeSpan.FromDays(30);

    private const int Batch = 1_000;

    protected override TimeSpan Interval => configuration.GetValue(IntervalSetting, TimeSpan.FromHours(1));

    protected override Task RunPassAsync(CancellationToken cancellationToken) => PurgeExpiredAsync(cancellationToken);

    protected override void OnPassFailed(Exception exception) => LogPurgeFailed(exception);

    /// <summary>Deletes every receipt older than the retention; the number deleted.</summary>
    public async Task<int> PurgeExpiredAsync(CancellationToken cancellationToken)
    {
        var cutoff = Clock.GetUtcNow() - configuration.GetValue(RetentionSetting, DefaultRetention);
        var total = 0;
        int deleted;
        do
        {
            deleted = await receipts.PurgeAsync(cutoff, Batch, cancellationToken);
            total += deleted;
        }
        while (deleted == Batch);
        if (total > 0)
        {
            LogPurged(total, cutoff);
        }
        return total;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} webhook receipts received before {Cutoff}")]
    private partial void LogPurged(int count, DateTimeOffset cutoff);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete expired webhook receipts; retrying on the next tick")]
    private partial void LogPurgeFailed(Exception exception);
}
