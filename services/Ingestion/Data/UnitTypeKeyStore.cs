using BillingOne.Contracts.Events;
using Dapper;
using Npgsql;

namespace BillingOne.Ingestion.Data;

/// <summary>
/// The <c>unit_type_keys</c> table: ingestion's copy of metering's unit type keys, kept from
/// <see cref="UnitTypeChanged"/> events, which may arrive late and out of order.
/// </summary>
public sealed class UnitTypeKeyStore(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Records the change unless the row already holds a later one (by <see cref="UnitTypeChanged.ChangedAt"/>; at
    /// the same instant a deletion wins, so the outcome never depends on arrival order). Returns whether it applied.
    /// </summary>
    public async Task<bool> ApplyAsync(NpgsqlTransaction transaction, UnitTypeChanged change,
        CancellationToken cancellationToken)
    {
        var changed = await transaction.Connection!.ExecuteAsync(new CommandDefinition("""
            INSERT INTO unit_type_keys (org_id, unit_type_id, key, deleted, changed_at)
            VALUES (@OrgId, @UnitTypeId, @Key, @Deleted, @changedAt)
            ON CONFLICT (org_id, unit_type_id) DO UPDATE
            SET key = excluded.key, deleted = excluded.deleted, changed_at = excluded.changed_at
            WHERE (unit_type_keys.changed_at, unit_type_keys.deleted) < (excluded.changed_at, excluded.deleted)
            """, new
        {
            change.OrgId, change.UnitTypeId, change.Key, change.Deleted,
            changedAt = change.ChangedAt.ToUniversalTime()
        }, transaction, cancellationToken: cancellationToken));
        return changed == 1;
    }

    /// <summary>The keys of the organization's unit types that exist now (compared ordinally: keys are slugs).</summary>
    public async Task<IReadOnlySet<string>> KnownKeysAsync(Guid orgId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var keys = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT key FROM unit_type_keys WHERE org_id = @orgId AND NOT deleted",
            new { orgId }, cancellationToken: cancellationToken));
        return keys.ToHashSet(StringComparer.Ordinal);
    }
}
