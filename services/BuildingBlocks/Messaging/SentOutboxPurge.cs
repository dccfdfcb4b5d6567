using BillingOne.BuildingBlocks.Retention;
using Dapper;
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

    public async Task<int> DeleteBatchAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition("""
            DELETE FROM outbox_messages
            WHERE ctid = ANY (ARRAY(
                SELECT ctid FROM outbox_messages WHERE sent_at IS NOT NULL AND sent_at < @cutoff
                LIMIT @batchSize FOR UPDATE SKIP LOCKED))
            """, new { cutoff = now - options.Value.SentRetention, batchSize }, cancellationToken: cancellationToken));
    }
}
