using NpgsqlTypes;
using Npgsql;

namespace BillingOne.Bench;

/// <summary>
/// The ceiling: the same readings written straight into metering's raw_readings table with Npgsql binary COPY, in the
/// same batches and with as many connections as the ingest scenarios have calls in flight. No parsing, validation,
/// idempotency, messaging or asset discovery — only the table and its indexes. The rows are the ingesting
/// organization's, on the assets its readings reported, observed after everything ingested before them, so each batch
/// extends its assets' ranges of the primary key as an ingested batch does (under an organization of their own, the
/// rows filled an empty key range, cheaper per row than any ingested batch).
/// </summary>
public sealed class RawCopyCeiling(NpgsqlDataSource metering, int concurrency, Guid orgId)
{
    private Dictionary<(string Source, string ExternalId), Guid>? organizationAssets;

    public async Task<ScenarioResult> RunAsync(ReadingSet set, int batchSize)
    {
        var assetIds = await AssetIdsInTurnAsync(set);
        var batchId = Guid.NewGuid();
        await using (var partition = metering.CreateCommand("SELECT ensure_raw_readings_partition($1)"))
        {
            partition.Parameters.AddWithValue(set.From);
            await partition.ExecuteNonQueryAsync();
        }

        var calls = await TimedCalls.RunAsync(set.Batches(batchSize).Select((batch, index) => (batch, index)), concurrency,
            async (item, cancellationToken) =>
            {
                await using var connection = await metering.OpenConnectionAsync(cancellationToken);
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await using (var writer = await connection.BeginBinaryImportAsync(
                    "COPY raw_readings (org_id, observed_at, reading_id, asset_id, unit_type_key, quantity, description, " +
                    "received_at, batch_id, late) FROM STDIN (FORMAT BINARY)", cancellationToken))
                {
                    var receivedAt = DateTimeOffset.UtcNow;
                    // Written synchronously into the importer's buffer, as metering writes its rows: an awaited write
                    // per column would charge the baseline for the client's state machines rather than the rows.
                    for (var i = 0; i < item.batch.Count; i++)
                    {
                        var reading = item.batch[i];
                        writer.StartRow();
                        writer.Write(orgId, NpgsqlDbType.Uuid);
                        writer.Write(reading.ObservedAt, NpgsqlDbType.TimestampTz);
                        writer.Write(reading.Id, NpgsqlDbType.Text);
                        writer.Write(assetIds[(item.index * batchSize + i) % assetIds.Length], NpgsqlDbType.Uuid);
                        writer.Write(reading.UnitTypeKey, NpgsqlDbType.Text);
                        writer.Write(reading.Quantity, NpgsqlDbType.Numeric);
                        if (reading.Description is null)
                        {
                            writer.WriteNull();
                        }
                        else
                        {
                            writer.Write(reading.Description, NpgsqlDbType.Text);
                        }
                        writer.Write(receivedAt, NpgsqlDbType.TimestampTz);
                        writer.Write(batchId, NpgsqlDbType.Uuid);
                        writer.Write(false, NpgsqlDbType.Boolean);
                    }
                    await writer.CompleteAsync(cancellationToken);
                }
                await transaction.CommitAsync(cancellationToken);
            });
        return new ScenarioResult("Raw binary COPY (ceiling)", set.Readings.Count, calls.Elapsed, null, calls.Latency);
    }

    /// <summary>
    /// The ids of the set's assets in the order its readings take them in turn (the ingested readings created them),
    /// so that a row costs the client no more than an index. The organization's assets are read once, before the first
    /// set (the warm-up), not inside the measured COPY.
    /// </summary>
    private async Task<Guid[]> AssetIdsInTurnAsync(ReadingSet set)
    {
        organizationAssets ??= await OrganizationAssetsAsync();
        return set.Readings.Take(ReadingSet.Assets)
            .Select(reading => organizationAssets[(reading.AssetSource, reading.AssetExternalId)])
            .ToArray();
    }

    private async Task<Dictionary<(string Source, string ExternalId), Guid>> OrganizationAssetsAsync()
    {
        var ids = new Dictionary<(string Source, string ExternalId), Guid>();
        await using var command = metering.CreateCommand("SELECT source, external_id, id FROM assets WHERE org_id = $1");
        command.Parameters.AddWithValue(orgId);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids[(reader.GetString(0), reader.GetString(1))] = reader.GetGuid(2);
        }
        return ids;
    }
}
