using BillingOne.Contracts.Events;
using BillingOne.Ingestion.Domain;
using Dapper;
using Npgsql;

namespace BillingOne.Ingestion.Data;

/// <summary>
/// The <c>asset_clients</c> table: which client each known asset belongs to, from metering's
/// <see cref="AssetDiscovered"/> and <see cref="AssetClientChanged"/> events, which may arrive late and out of order.
/// </summary>
public sealed class AssetClientStore
{
    /// <summary>
    /// Records a discovery unless a change of the asset is already recorded: a discovery is older than any change,
    /// so it is kept as the earliest possible instant. Returns whether it applied.
    /// </summary>
    public async Task<bool> ApplyAsync(NpgsqlTransaction transaction, AssetDiscovered discovery,
        CancellationToken cancellationToken) =>
        await transaction.Connection!.ExecuteAsync(new CommandDefinition("""
            INSERT INTO asset_clients (org_id, source, external_id, asset_id, client_id, changed_at)
            VALUES (@OrgId, @Source, @ExternalId, @AssetId, @ClientId, '-infinity')
            ON CONFLICT (org_id, source, external_id) DO NOTHING
            """, new { discovery.OrgId, discovery.Source, discovery.ExternalId, discovery.AssetId, discovery.ClientId },
            transaction, cancellationToken: cancellationToken)) == 1;

    /// <summary>Records the change unless the row already holds a later one. Returns whether it applied.</summary>
    public async Task<bool> ApplyAsync(NpgsqlTransaction transaction, AssetClientChanged change,
        CancellationToken cancellationToken) =>
        await transaction.Connection!.ExecuteAsync(new CommandDefinition("""
            INSERT INTO asset_clients (org_id, source, external_id, asset_id, client_id, changed_at)
            VALUES (@OrgId, @Source, @ExternalId, @AssetId, @ClientId, @changedAt)
            ON CONFLICT (org_id, source, external_id) DO UPDATE
            SET asset_id = excluded.asset_id, client_id = excluded.client_id, changed_at = excluded.changed_at
            WHERE asset_clients.changed_at < excluded.changed_at
            """, new
        {
            change.OrgId, change.Source, change.ExternalId, change.AssetId, change.ClientId,
            changedAt = change.ChangedAt.ToUniversalTime(),
        }, transaction, cancellationToken: cancellationToken)) == 1;

    /// <summary>
    /// The candidates' assets that are known and do not belong to <paramref name="clientScope"/> (another client's,
    /// or the organization's unassigned ones), in one round trip whatever the batch size.
    /// </summary>
    public async Task<IReadOnlySet<AssetKey>> OutsideScopeAsync(NpgsqlConnection connection, Guid orgId,
        Guid clientScope, IReadOnlyList<CandidateReading> candidates, CancellationToken cancellationToken)
    {
        var assets = candidates.Select(candidate => AssetKey.Of(candidate.Reading)).Distinct().ToList();
        var outside = await connection.QueryAsync<AssetKey>(new CommandDefinition("""
            SELECT known.source AS Source, known.external_id AS ExternalId
            FROM unnest(@sources::text[], @externalIds::text[]) AS sent(source, external_id)
            JOIN asset_clients known
              ON known.org_id = @orgId AND known.source = sent.source AND known.external_id = sent.external_id
            WHERE known.client_id IS DISTINCT FROM @clientScope
            """, new
        {
            orgId, clientScope,
            sources = assets.Select(asset => asset.Source).ToArray(),
            externalIds = assets.Select(asset => asset.ExternalId).ToArray(),
        }, cancellationToken: cancellationToken));
        return outside.ToHashSet();
    }
}
