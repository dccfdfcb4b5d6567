using System.Collections.ObjectModel;
using BillingOne.Ingestion.Domain;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace BillingOne.Ingestion.Data;

/// <summary>
/// The <c>ingested_readings</c> idempotency keys: which reading ids an organization has already had accepted, with the
/// fingerprint of the payload that was kept.
/// </summary>
public sealed class IngestedReadingStore
{
    /// <summary>
    /// Claims the candidates' ids for <paramref name="batchId"/> inside <paramref name="transaction"/>, with a fixed
    /// number of round trips whatever the batch size: binary COPY into a staging table, one insert that skips ids
    /// already taken, one read of the fingerprints stored for those. An id another call is still inserting makes
    /// the insert wait for that call's outcome, so concurrent calls with the same ids stay exact.
    /// </summary>
    /// <returns>The fingerprints already stored under the candidates' ids; every other candidate is now claimed.</returns>
    public async Task<IReadOnlyDictionary<string, ReadingFingerprint>> ClaimAsync(NpgsqlTransaction transaction,
        Guid orgId, Guid batchId, DateTimeOffset receivedAt, IReadOnlyList<CandidateReading> candidates,
        CancellationToken cancellationToken)
    {
        if (candidates.Count == 0)
        {
            return ReadOnlyDictionary<string, ReadingFingerprint>.Empty;
        }
        var connection = transaction.Connection!;
        await connection.ExecuteAsync(new CommandDefinition(
            "CREATE TEMP TABLE ingest_candidates (reading_id text NOT NULL, fingerprint bytea NOT NULL) ON COMMIT DROP",
            transaction: transaction, cancellationToken: cancellationToken));
        await CopyAsync(connection, candidates, cancellationToken);

        // Inserting in one fixed order makes concurrent calls with overlapping ids wait on each other instead of
        // deadlocking. The fingerprints are read by a second statement, whose snapshot includes the rows of the
        // calls the insert waited for.
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition("""
            WITH claimed AS (
                INSERT INTO ingested_readings (org_id, reading_id, fingerprint, batch_id, received_at)
                SELECT @orgId, reading_id, fingerprint, @batchId, @receivedAt
                FROM ingest_candidates ORDER BY reading_id COLLATE "C"
                ON CONFLICT (org_id, reading_id) DO NOTHING
                RETURNING 1)
            SELECT count(*) FROM claimed;
            SELECT stored.reading_id AS ReadingId, stored.fingerprint AS Fingerprint
            FROM ingest_candidates AS candidate
            JOIN ingested_readings AS stored ON stored.org_id = @orgId AND stored.reading_id = candidate.reading_id
            WHERE stored.batch_id <> @batchId;
            """, new { orgId, batchId, receivedAt = receivedAt.ToUniversalTime() }, transaction,
            cancellationToken: cancellationToken));
        var claimedCount = await results.ReadSingleAsync<long>();
        var stored = (await results.ReadAsync<StoredKey>()).ToDictionary(
            key => key.ReadingId,
            key => ReadingFingerprint.FromStored(Convert.ToHexStringLower(key.Fingerprint)),
            StringComparer.Ordinal);
        if (claimedCount + stored.Count != candidates.Count)
        {
            throw new InvalidOperationException(
                $"Batch {batchId}: {claimedCount} ids claimed and {stored.Count} found stored, " +
                $"but {candidates.Count} were candidates.");
        }
        return stored;
    }

    private static async Task CopyAsync(NpgsqlConnection connection, IReadOnlyList<CandidateReading> candidates,
        CancellationToken cancellationToken)
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY ingest_candidates (reading_id, fingerprint) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var candidate in candidates)
        {
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(candidate.Reading.Id, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(Convert.FromHexString(candidate.Reading.Fingerprint.Value), NpgsqlDbType.Bytea,
                cancellationToken);
        }
        await copy.CompleteAsync(cancellationToken);
    }

    private sealed record StoredKey(string ReadingId, byte[] Fingerprint);
}
