using BillingOne.BuildingBlocks.Retention;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BillingOne.BuildingBlocks.Messaging;

/// <summary>
/// Forgets applied messages after <see cref="RetentionOptions.Inbox"/>: a redelivery comes long before that, so an
/// older record guards nothing.
/// </summary>
internal sealed class InboxPurge(NpgsqlDataSource dataSource, IOptions<RetentionOptions> options) : IRetentionPurge
{
    public string Name => "inbox";

    public async Task<int> DeleteBatchAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition("""
            DELETE FROM inbox_messages
            WHERE ctid = ANY (ARRAY(
                SELECT ctid FROM inbox_messages WHERE processed_at < @cutoff
                LIMIT @batchSize FOR UPDATE SKIP LOCKED))
            """, new { cutoff = now - options.Value.Inbox, batchSize }, cancellationToken: cancellationToken));
    }
}
