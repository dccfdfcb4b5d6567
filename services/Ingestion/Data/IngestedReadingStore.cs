using System.Collections.ObjectModel;
using BillingOne.Ingestion.Domain;
using Dapper;
using Npgsql;

namespace BillingOne.Ingestion.Data;

/// <summary>
/// The <c>ingested_readings</c> idempotency keys: which reading ids a sender has already had accepted, with the
/// fingerprint of the payload that was kept. A sender is one client (its client-scoped keys) or the organization
/// (its organization-wide keys): a client can never claim an id that another client's reading uses.
/// </summary>
public sealed class IngestedReadingStore
{
    /// <summary>
    /// Claims the candidates' ids for <paramref name="batchId"/> inside <paramref name="transaction"/>, with a fixed
    /// number of round trips whatever the batch size: one insert of the ids (sent as arrays) that skips ids already
    /// taken and, only when some were, one read of the fingerprints stored for those. An id another call is still
    /// inserting makes the insert wait for that call's outcome, so concurrent calls with the same ids stay exact.
    /// </summary>
    /// <returns>The fingerprints already stored under the candidates' ids; every other candidate is now claimed.</returns>
    public async Task<IReadOnlyDictionary<string, ReadingFingerprint>> ClaimAsync(NpgsqlTransaction transaction,
        Guid orgId, Guid? clientScope, Guid batchId, DateTimeOffset receivedAt,
        IReadOnlyList<CandidateReading> candidates, CancellationToken cancellationToken)
    {
        var sender = clientScope ?? Guid.Empty;
        if (candidates.Count == 0)
        {
            return ReadOnlyDictionary<string, ReadingFingerprint>.Empty;
        }
        var connection = transaction.Connection!;
        var readingIds = new string[candidates.Count];
        var fingerprints = new byte[candidates.Count][];
        for (var i = 0; i < candidates.Count; i++)
        {
            readingIds[i] = candidates[i].Reading.Id;
            fingerprints[i] = Convert.FromHexString(candidates[i].Reading.Fingerprint.Value);
        }

        // Inserting in one fixed order makes concurrent calls with overlapping ids wait on each other instead of
        // deadlocking.
        var claimedCount = await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            WITH claimed AS (
                INSERT INTO ingested_readings (org_id, client_scope, reading_id, fingerprint, batch_id, received_at)
                SELECT @orgId, @sender, candidate.reading_id, candidate.fingerprint, @batchId, @receivedAt
                FROM unnest(@readingIds::text[], @fingerprints::bytea[]) AS candidate(reading_id, fingerprint)
                ORDER BY candidate.reading_id COLLATE "C"
                ON CONFLICT (org_id, client_scope, reading_id) DO NOTHING
                RETURNING 1)
            SELECT count(*) FROM claimed
            """, new { orgId, sender, batchId, receivedAt = receivedAt.ToUniversalTime(), readingIds, fingerprints },
            transaction, cancellationToken: cancellationToken));
        if (claimedCount == candidates.Count)
        {
            return ReadOnlyDictionary<string, ReadingFingerprint>.Empty;
        }

        // A second statement, whose snapshot includes the rows of the calls the insert waited for.
        var stored = (await connection.QueryAsync<StoredKey>(new CommandDefinition("""
            SELECT stored.reading_id AS ReadingId, stored.fingerprint AS Fingerprint
            FROM unnest(@readingIds::text[]) AS candidate(reading_id)
            JOIN ingested_readings AS stored
              ON stored.org_id = @orgId AND stored.client_scope = @sender AND stored.reading_id = candidate.reading_id
            WHERE stored.batch_id <> @batchId
            """, new { orgId, sender, batchId, readingIds }, transaction, cancellationToken: cancellationToken)))
            .ToDictionary(
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

    private sealed record StoredKey(string ReadingId, byte[] Fingerprint);
}
