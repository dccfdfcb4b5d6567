using Dapper;
using Npgsql;

namespace BillingOne.BuildingBlocks.Messaging;

internal sealed class PostgresInbox : IInbox
{
    public async Task<bool> TryRecordAsync(NpgsqlTransaction transaction, string consumer, Guid messageId,
        CancellationToken cancellationToken)
    {
        // A concurrent delivery of the same message waits on the primary key until the first one
        // commits or rolls back, then inserts nothing.
        var inserted = await transaction.Connection!.ExecuteAsync(new CommandDefinition("""
            INSERT INTO inbox_messages (consumer, message_id) VALUES (@consumer, @messageId)
            ON CONFLICT DO NOTHING
            """, new { consumer, messageId }, transaction, cancellationToken: cancellationToken));
        return inserted == 1;
    }
}
