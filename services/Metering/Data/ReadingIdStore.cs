using BillingOne.Contracts.Events;
using BillingOne.Metering.Domain;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace BillingOne.Metering.Data;

/// <summary>
/// <c>stored_reading_ids</c>: the senders' idempotency keys, one per stored reading, kept per sender — the client of
/// a client-scoped key, or the organization's own keys — so that one client can never take an id another client's
/// reading uses (docs/domain.md, "Readings and assets").
/// </summary>
internal static class ReadingIdStore
{
    /// <summary>The sender a batch's ids belong to: the key's client, or the nil uuid for organization-wide keys.</summary>
    public static Guid SenderOf(UsageReadingsAccepted message) => message.ClientScope ?? Guid.Empty;

    /// <summary>Copies the rows' ids in; fails on the key when one is stored already (or repeats within the rows).</summary>
    public static async Task CopyAsync(NpgsqlConnection connection, Guid orgId, Guid sender, ReadingRows rows,
        CancellationToken cancellationToken)
    {
        await using var writer = await connection.BeginBinaryImportAsync("""
            COPY stored_reading_ids (org_id, sender, reading_id, asset_id, observed_at) FROM STDIN (FORMAT BINARY)
            """, cancellationToken);
        // Written synchronously, as the readings are (ReadingStore).
        for (var i = 0; i < rows.ReadingIds.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            writer.StartRow();
            writer.Write(orgId, NpgsqlDbType.Uuid);
            writer.Write(sender, NpgsqlDbType.Uuid);
            writer.Write(rows.ReadingIds[i], NpgsqlDbType.Text);
            writer.Write(rows.AssetIds[i], NpgsqlDbType.Uuid);
            writer.Write(rows.ObservedAt[i], NpgsqlDbType.TimestampTz);
        }
        await writer.CompleteAsync(cancellationToken);
    }

    /// <summary>
    /// Claims the ids of the rows that no stored reading of the sender has, in one statement that skips the others;
    /// answers, per row, whether it is the reading its id was claimed for (the first of that id among the rows).
    /// Claiming in one fixed order makes concurrent batches with the same ids wait on each other instead of
    /// deadlocking.
    /// </summary>
    public static async Task<bool[]> ClaimAsync(NpgsqlTransaction transaction, Guid orgId, Guid sender,
        ReadingRows rows, CancellationToken cancellationToken)
    {
        var claimed = (await transaction.Connection!.QueryAsync<string>(new CommandDefinition("""
            INSERT INTO stored_reading_ids (org_id, sender, reading_id, asset_id, observed_at)
            SELECT @orgId, @sender, r.reading_id, r.asset_id, r.observed_at
            FROM unnest(@readingIds::text[], @assetIds::uuid[], @observedAt::timestamptz[]) WITH ORDINALITY
                AS r(reading_id, asset_id, observed_at, position)
            ORDER BY r.reading_id COLLATE "C", r.position
            ON CONFLICT DO NOTHING
            RETURNING reading_id
            """, new { orgId, sender, readingIds = rows.ReadingIds, assetIds = rows.AssetIds, observedAt = rows.ObservedAt },
            transaction, cancellationToken: cancellationToken))).ToHashSet(StringComparer.Ordinal);
        // The statement inserts each id's first row in the batch, so the first row of a claimed id is its reading.
        return rows.ReadingIds.Select(claimed.Remove).ToArray();
    }

    /// <summary>The readings stored under <paramref name="readingIds"/> for the sender, by id; ids with none are absent.</summary>
    public static async Task<IReadOnlyDictionary<string, KeptReading>> KeptReadingsAsync(NpgsqlTransaction transaction,
        Guid orgId, Guid sender, IEnumerable<string> readingIds, CancellationToken cancellationToken)
    {
        var rows = await transaction.Connection!.QueryAsync<KeptRow>(new CommandDefinition("""
            SELECT repeated.reading_id AS ReadingId, kept.*
            FROM unnest(@readingIds::text[]) AS repeated(reading_id)
            CROSS JOIN LATERAL (
                SELECT a.source AS AssetSource, a.external_id AS AssetExternalId, r.unit_type_key AS UnitTypeKey,
                       r.quantity AS Quantity, r.observed_at AS ObservedAt, r.description AS Description,
                       a.client_id AS ClientId, r.batch_id AS BatchId, r.received_at AS ReceivedAt
                FROM stored_reading_ids s
                JOIN raw_readings r ON r.org_id = s.org_id AND r.asset_id = s.asset_id AND r.observed_at = s.observed_at
                                   AND r.reading_id = s.reading_id
                JOIN assets a ON a.org_id = s.org_id AND a.id = s.asset_id
                WHERE s.org_id = @orgId AND s.sender = @sender AND s.reading_id = repeated.reading_id
                -- One row per id at most; the limit keeps each id three key lookups (joined as sets, the planner
                -- misjudges the three-column match on the raw key and can compare every repeat with every reading).
                LIMIT 1) kept
            """, new { orgId, sender, readingIds = readingIds.Distinct(StringComparer.Ordinal).ToArray() }, transaction,
            cancellationToken: cancellationToken));
        return rows.ToDictionary(row => row.ReadingId, row => row.ToKeptReading(), StringComparer.Ordinal);
    }

    private sealed record KeptRow(string ReadingId, string AssetSource, string AssetExternalId, string UnitTypeKey,
        decimal Quantity, DateTime ObservedAt, string? Description, Guid? ClientId, Guid BatchId, DateTime ReceivedAt)
    {
        public KeptReading ToKeptReading() => new(
            new AcceptedReading(ReadingId, AssetSource, AssetExternalId, UnitTypeKey, Quantity,
                new DateTimeOffset(ObservedAt, TimeSpan.Zero), Description),
            ClientId, BatchId, new DateTimeOffset(ReceivedAt, TimeSpan.Zero));
    }
}
