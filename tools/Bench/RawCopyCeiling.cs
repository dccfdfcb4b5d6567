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
                    for (var i = 0; i < item.batch.Count; i++)
                    {
                        var reading = item.batch[i];
                        await writer.StartRowAsync(cancellationToken);
                        await writer.WriteAsync(orgId, NpgsqlDbType.Uuid, cancellationToken);
                        await writer.WriteAsync(reading.ObservedAt, NpgsqlDbType.TimestampTz, cancellationToken);
                        await writer.WriteAsync(reading.Id, NpgsqlDbType.Text, cancellationToken);
                        await writer.WriteAsync(assetIds[(item.index * batchSize + i) % assetIds.Length], NpgsqlDbType.Uuid, cancellationToken);
                        await writer.WriteAsync(reading.UnitTypeKey, NpgsqlDbType.Text, cancellationToken);
                        await writer.WriteAsync(reading.Quantity, NpgsqlDbType.Numeric, cancellationToken);
                        if (reading.Description is null)
                        {
                            await writer.WriteNullAsync(cancellationToken);
                        }
                        else
                        {
                            await writer.WriteAsync(reading.Description, NpgsqlDbType.Text, cancellationToken);
                        }
                        await writer.WriteAsync(receivedAt, NpgsqlDbType.TimestampTz, cancellationToken);
                        await writer.WriteAsync(batchId, NpgsqlDbType.Uuid, cancellationToken);
                        await writer.WriteAsync(false, NpgsqlDbType.Boolean, cancellationToken);
                    }
                    await writer.CompleteAsync(cancellationToken);
                }
                await transaction.CommitAsync(cancellationToken);
            });
        return new ScenarioResult("Raw binary COPY (ceiling)", set.Readings.Count, calls.Elapsed, null, calls.Latency);
    }
}
