using System.Text.Json;
using BillingOne.BuildingBlocks.Messaging;
using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.Contracts.Events;
using Dapper;
using Npgsql;

namespace BillingOne.BuildingBlocks.Auditing;

internal sealed class PostgresAuditTrail(IActorContext caller, IOutbox outbox, string serviceName) : IAuditTrail
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task RecordAsync(NpgsqlTransaction transaction, string action, string table, string recordId,
        object? oldValues, object? newValues, CancellationToken cancellationToken) =>
        RecordAsync(transaction, new AuditActor(caller.OrgId, caller.ActorType, caller.ActorId, caller.ApiKeyId), action,
            table, recordId, oldValues, newValues, cancellationToken);

    public async Task RecordAsync(NpgsqlTransaction transaction, AuditActor actor, string action, string table,
        string recordId, object? oldValues, object? newValues, CancellationToken cancellationToken)
    {
        var oldJson = oldValues is null ? null : JsonSerializer.Serialize(oldValues, Json);
        var newJson = newValues is null ? null : JsonSerializer.Serialize(newValues, Json);
        var entry = await transaction.Connection!.QuerySingleAsync<(long Id, DateTime CreatedAt)>(new CommandDefinition("""
            INSERT INTO audit_log (org_id, action, table_name, record_id, actor_type, actor_id, api_key_id,
                                   old_values, new_values)
            VALUES (@OrgId, @action, @table, @recordId, @ActorType, @ActorId, @ApiKeyId,
                    @oldJson::jsonb, @newJson::jsonb)
            RETURNING id, created_at
            """, new
        {
            actor.OrgId, action, table, recordId, actor.ActorType, actor.ActorId, actor.ApiKeyId, oldJson, newJson,
        }, transaction, cancellationToken: cancellationToken));

        await outbox.EnqueueAsync(transaction, new AuditEntryRecorded(actor.OrgId, entry.Id, serviceName, action, table,
            recordId, actor.ActorType, actor.ActorId, actor.ApiKeyId, oldJson, newJson,
            new DateTimeOffset(entry.CreatedAt, TimeSpan.Zero)), cancellationToken);
    }
}
