using Dapper;
using Npgsql;

namespace BillingOne.Metering.Data;

/// <summary>
/// What stored batches saw of their assets, folded into the assets later (docs/domain.md, "Readings and assets"): a
/// batch records one row of arrays in its own transaction, and a fold moves each asset's first and last seen and its
/// description once for all the batches recorded since the last fold. Exact once folded: times only widen, and the
/// description is that of the latest reading observed that carried one, whatever order the batches came in.
/// </summary>
public sealed class AssetSightingStore(NpgsqlDataSource dataSource, TimeProvider timeProvider)
{
    /// <summary>Batches taken per fold statement: a backlog is folded in slices of bounded size.</summary>
    public const int BatchesPerStatement = 200;

    /// <summary>The sighting (<c>s</c>) carries a description observed no earlier than the asset's (<c>a</c>).</summary>
    private const string NewerDescription =
        "s.description IS NOT NULL AND (a.described_at IS NULL OR s.described_at >= a.described_at)";

    /// <summary>Records what a batch saw of <paramref name="sightings"/>' assets, inside the batch's transaction.</summary>
    internal static Task RecordAsync(NpgsqlTransaction transaction, Guid orgId, AssetSightings sightings,
        DateTimeOffset now, CancellationToken cancellationToken) =>
        sightings.AssetIds.Length == 0
            ? Task.CompletedTask
            : transaction.Connection!.ExecuteAsync(new CommandDefinition("""
                INSERT INTO asset_sightings (id, org_id, asset_ids, first_seen, last_seen, descriptions, described_at)
                VALUES (@id, @orgId, @assetIds, @firstSeen, @lastSeen, @descriptions, @describedAt)
                """, new
            {
                id = Guid.CreateVersion7(now),
                orgId,
                assetIds = sightings.AssetIds,
                firstSeen = sightings.FirstSeen,
                lastSeen = sightings.LastSeen,
                descriptions = sightings.Descriptions,
                describedAt = sightings.DescribedAt,
            }, transaction, cancellationToken: cancellationToken));

    /// <summary>
    /// Folds every sighting recorded so far into the assets; returns how many assets changed. Folds run one at a time
    /// across replicas (an advisory lock), so no two update the same assets in different orders.
    /// </summary>
    public async Task<int> FoldAsync(CancellationToken cancellationToken)
    {
        var changed = 0;
        int taken;
        do
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(
                "SELECT pg_advisory_xact_lock(hashtext('metering:asset-sightings'))", transaction: transaction,
                cancellationToken: cancellationToken));
            var fold = await connection.QuerySingleAsync<FoldRow>(new CommandDefinition($"""
                WITH taken AS (
                    DELETE FROM asset_sightings
                    WHERE id IN (SELECT id FROM asset_sightings ORDER BY id LIMIT @limit)
                    RETURNING id, org_id, asset_ids, first_seen, last_seen, descriptions, described_at),
                seen AS (
                    SELECT t.org_id, s.asset_id, min(s.first_seen) AS first_seen, max(s.last_seen) AS last_seen,
                           (array_agg(s.description ORDER BY s.described_at DESC, t.id DESC)
                                FILTER (WHERE s.description IS NOT NULL))[1] AS description,
                           max(s.described_at) AS described_at
                    FROM taken t
                    CROSS JOIN LATERAL unnest(t.asset_ids, t.first_seen, t.last_seen, t.descriptions, t.described_at)
                        AS s(asset_id, first_seen, last_seen, description, described_at)
                    GROUP BY t.org_id, s.asset_id),
                moved AS (
                    UPDATE assets a
                    SET first_seen_at = LEAST(a.first_seen_at, s.first_seen),
                        last_seen_at = GREATEST(a.last_seen_at, s.last_seen),
                        description = CASE WHEN {NewerDescription} THEN s.description ELSE a.description END,
                        described_at = CASE WHEN {NewerDescription} THEN s.described_at ELSE a.described_at END,
                        updated_at = @now
                    FROM seen s
                    WHERE a.org_id = s.org_id AND a.id = s.asset_id
                      AND (s.first_seen < a.first_seen_at OR s.last_seen > a.last_seen_at
                           OR ({NewerDescription} AND (s.description IS DISTINCT FROM a.description
                                                       OR s.described_at > a.described_at)))
                    RETURNING 1)
                SELECT (SELECT count(*) FROM taken)::int AS Taken, (SELECT count(*) FROM moved)::int AS Changed
                """, new { limit = BatchesPerStatement, now = timeProvider.GetUtcNow() }, transaction,
                cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            taken = fold.Taken;
            changed += fold.Changed;
        }
        while (taken == BatchesPerStatement);
        return changed;
    }

    private sealed record FoldRow(int Taken, int Changed);
}

/// <summary>What one batch saw of its assets in the sender's scope, as the array columns of <c>asset_sightings</c>.</summary>
internal sealed record AssetSightings(Guid[] AssetIds, DateTime[] FirstSeen, DateTime[] LastSeen, string?[] Descriptions,
    DateTime?[] DescribedAt)
{
    /// <param name="assets">The batch's assets as array columns.</param>
    /// <param name="stored">Each of them by position as stored, null for one outside the sender's scope.</param>
    public static AssetSightings Of(AssetArrays assets, FoundAsset?[] stored)
    {
        var seen = Enumerable.Range(0, stored.Length).Where(position => stored[position] is not null).ToArray();
        T[] At<T>(T[] column) => Array.ConvertAll(seen, position => column[position]);
        return new AssetSightings(Array.ConvertAll(seen, position => stored[position]!.Id), At(assets.AssetFirstSeen),
            At(assets.AssetLastSeen), At(assets.AssetDescriptions), At(assets.AssetDescribedAt));
    }
}
