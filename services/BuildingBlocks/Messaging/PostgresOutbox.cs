using System.Diagnostics;
using System.Text.Json;
using Dapper;
using MassTransit;
using Npgsql;

namespace BillingOne.BuildingBlocks.Messaging;

internal sealed class PostgresOutbox(OutboxRelaySignal relaySignal) : IOutbox
{
    public async Task<Guid> EnqueueAsync<T>(NpgsqlTransaction transaction, T message, CancellationToken cancellationToken)
        where T : class =>
        (await EnqueueAllAsync(transaction, [message], cancellationToken))[0];

    public async Task<IReadOnlyList<Guid>> EnqueueAllAsync<T>(NpgsqlTransaction transaction, IReadOnlyList<T> messages,
        CancellationToken cancellationToken)
        where T : class
    {
        if (messages.Count == 0)
        {
            return [];
        }
        // Time-ordered ids keep the unique index compact.
        var messageIds = new Guid[messages.Count];
        var payloads = new string[messages.Count];
        for (var i = 0; i < messages.Count; i++)
        {
            messageIds[i] = NewId.NextSequentialGuid();
            payloads[i] = JsonSerializer.Serialize(messages[i], OutboxMessageTypes.Json);
        }
        // Rows are numbered (and so published) in the order of the list.
        const string sql = """
            INSERT INTO outbox_messages (message_id, message_type, payload, trace_parent)
            SELECT message.id, @messageType, message.payload::json, @traceParent
            FROM unnest(@messageIds::uuid[], @payloads::text[]) WITH ORDINALITY AS message(id, payload, position)
            ORDER BY message.position;
            """;
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(sql, new
        {
            messageIds,
            messageType = OutboxMessageTypes.NameOf(typeof(T)),
            payloads,
            traceParent = Activity.Current?.Id,
        }, transaction, cancellationToken: cancellationToken));
        relaySignal.Notify();
        return messageIds;
    }
}
