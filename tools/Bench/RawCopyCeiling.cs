using NpgsqlTypes;
using Npgsql;

namespace BillingOne.Bench;

/// <summary>
/// The ceiling: the same readings written straight into metering's raw_readings table with Npgsql binary COPY, in the
/// same batches and with as many connections as the ingest scenarios have calls in flight. No parsing, validation,
/// idempotency, messaging or asset discovery — only the table and its indexes.
/// </summary>
public sealed class RawCopyCeiling(NpgsqlDataSource metering, int concurrency)
{
    public async Task<ScenarioResult> RunAsync(ReadingSet set, int batchSize)
    {
        // An organization of its own, so that these rows never mix with the ingested ones.
        var orgId = Guid.NewGuid();
        var assetIds = Enumerable.Range(0, ReadingSet.Assets).Select(_ => Guid.NewGuid()).ToArray();
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
}
