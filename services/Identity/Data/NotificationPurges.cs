using BillingOne.BuildingBlocks.Retention;
using BillingOne.Identity.Domain;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BillingOne.Identity.Data;

/// <summary>Bell entries older than <see cref="NotificationRetentionOptions.InApp"/>, read or not.</summary>
public sealed class ExpiredNotificationPurge(NpgsqlDataSource dataSource, IOptions<NotificationRetentionOptions> options)
    : IRetentionPurge
{
    public string Name => "notifications";

    public Task<int> DeleteBatchAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken) =>
        ExpiredRows.DeleteBatchAsync(dataSource, "notifications", "created_at < @cutoff", now - options.Value.InApp,
            batchSize, cancellationToken);
}

/// <summary>
/// Queued mails that are done with, older than <see cref="NotificationRetentionOptions.Mails"/>: sent ones by when they
/// were sent, given-up ones by when they were queued. Pending mails stay whatever their age.
/// </summary>
public sealed class FinishedMailPurge(NpgsqlDataSource dataSource, IOptions<NotificationRetentionOptions> options)
    : IRetentionPurge
{
    public string Name => "notification-mails";

    public Task<int> DeleteBatchAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken) =>
        ExpiredRows.DeleteBatchAsync(dataSource, "notification_mails",
            "status <> 'pending' AND COALESCE(sent_at, created_at) < @cutoff", now - options.Value.Mails, batchSize,
            cancellationToken);
}
