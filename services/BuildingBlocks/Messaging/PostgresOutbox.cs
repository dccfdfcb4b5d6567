using System.Diagnostics;
using System.Text.Json;
using Dapper;
using MassTransit;
using Npgsql;

namespace BillingOne.BuildingBlocks.Messaging;

internal sealed class PostgresOutbox(OutboxRelaySignal relaySignal) : IOutbox
{
    public async Task<Guid> EnqueueAsync<T>(NpgsqlTransaction transaction, T message, CancellationToken cancellationToken)
        where T : class
    {
        // Time-ordered ids keep the unique index compact.
        var messageId = NewId.NextSequentialGuid();
        const string sql = """
            INSERT INTO outbox_messages (message_id, message_type, payload, trace_parent)
            VALUES (@messageId, @messageType, @payload::jsonb, @traceParent);
            """;
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(sql, new
        {
            messageId,
            messageType = OutboxMessageTypes.NameOf(typeof(T)),
            payload = JsonSerializer.Serialize(message, OutboxMessageTypes.Json),
            traceParent = Activity.Current?.Id,
        }, transaction, cancellationToken: cancellationToken));
        relaySignal.Notify();
        return messageId;
    }
}
