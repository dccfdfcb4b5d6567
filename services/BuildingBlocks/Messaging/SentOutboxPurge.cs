using BillingOne.BuildingBlocks.Retention;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BillingOne.BuildingBlocks.Messaging;

/// <summary>
/// Deletes outbox rows the broker confirmed more than <see cref="OutboxRelayOptions.SentRetention"/> ago. Unsent rows are
/// never touched, however old: they are messages still owed to the consumers.
/// </summary>
internal sealed class SentOutboxPurge(NpgsqlDataSource dataSource, IOptions<OutboxRelayOptions> options) : IRetentionPurge
{
    public string Name => "outbox-sent";

    public Task<int> DeleteBatchAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken) =>
        ExpiredRows.DeleteBatchAsync(dataSource, "outbox_messages", "sent_at IS NOT NULL AND sent_at < @cutoff",
            now - options.Value.SentRetention, batchSize, cancellationToken);
}
