using BillingOne.Contracts.Events;
using BillingOne.Metering.Domain;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace BillingOne.Metering.Data;

/// <summary>An asset the batch created: it had never reported before.</summary>
public sealed record DiscoveredAsset(Guid Id, string Source, string ExternalId, Guid? ClientId, DateTimeOffset FirstSeenAt);

/// <summary>What storing a batch did: <see cref="Stored"/> readings were new, the rest were stored before.</summary>
public sealed record StoredReadings(int Stored, int AlreadyStored, IReadOnlyList<DiscoveredAsset> Discovered);

/// <summary>
/// Stores batches of accepted readings: discovers and updates their assets and writes the raw readings, all
/// set-based (binary COPY into staging tables, then a few INSERT … SELECT / UPDATE … FROM statements), so the
/// number of round trips does not grow with the batch.
/// </summary>
public sealed partial class ReadingStore(TimeProvider timeProvider, ILogger<ReadingStore> logger)
{
    // Staging tables live for the transaction only; their columns follow the COPY order below.
    private const string CreateStagingTables = """
        CREATE TEMP TABLE staged_assets (
            new_id uuid NOT NULL, source text NOT NULL, external_id text NOT NULL, first_seen_at timestamptz NOT NULL,
            last_seen_at timestamptz NOT NULL, description text NULL, described_at timestamptz NULL
        ) ON COMMIT DROP;
        CREATE TEMP TABLE staged_readings (
            reading_id text NOT NULL, source text NOT NULL, external_id text NOT NULL, unit_type_key text NOT NULL,
            quantity numeric(20,6) NOT NULL, observed_at timestamptz NOT NULL, description text NULL
        ) ON COMMIT DROP;
        """;

    /// <summary>
    /// Whether the batch's description (staged <c>s</c>) replaces the asset's (<c>a</c>): it comes from a reading at
    /// least as recent as any the asset had, or the asset has none.
    /// </summary>
    private const string NewerDescription =
        "s.description IS NOT NULL AND (a.description IS NULL OR s.described_at >= a.last_seen_at)";

    private const string ReadingAsset =
        "JOIN assets a ON a.org_id = @orgId AND a.source = r.source AND a.external_id = r.external_id";

    /// <summary>
    /// The asset (alias <c>a</c>) is the sending key's to report on: any asset for an organization-wide key, its own
    /// client's for a client-scoped key (ingestion refuses the others; this keeps them out even when ingestion's copy
    /// of the asset's client was behind).
    /// </summary>
    private const string InSenderScope = "(@clientScope::uuid IS NULL OR a.client_id = @clientScope)";

    /// <summary>The buckets the staged readings feed: their usage observations are due.</summary>
    private const string FedBuckets = $"""
        SELECT DISTINCT ba.org_id, ba.bucket_id
        FROM staged_readings r {ReadingAsset}
        JOIN bucket_assets ba ON ba.org_id = a.org_id AND ba.asset_id = a.id
        JOIN buckets b ON b.org_id = ba.org_id AND b.id = ba.bucket_id
        JOIN unit_types ut ON ut.org_id = b.org_id AND ut.id = b.unit_type_id AND ut.key = r.unit_type_key
        """;

    /// <summary>
    /// Stores <paramref name="batch"/> inside <paramref name="transaction"/>. Idempotent by reading id: readings
    /// stored before (by this or any other message) are skipped, and asset times only ever widen. The buckets new
    /// readings feed are marked for a usage observation in the same transaction.
    /// </summary>
    public async Task<StoredReadings> StoreAsync(NpgsqlTransaction transaction, UsageReadingsAccepted message,
        ReadingBatch batch, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        await connection.ExecuteAsync(new CommandDefinition("""
            SELECT ensure_raw_readings_partition(month) FROM unnest(@months::timestamptz[]) AS month
            """, new { months = batch.Months.ToArray() }, transaction, cancellationToken: cancellationToken));
        var (timeZones, rules) = await LoadOrganizationAsync(connection, transaction, message.OrgId, cancellationToken);

        await connection.ExecuteAsync(new CommandDefinition(CreateStagingTables, transaction: transaction,
            cancellationToken: cancellationToken));
        var now = timeProvider.GetUtcNow();
        await CopyAssetsAsync(connection, batch.Assets, now, cancellationToken);
        await CopyReadingsAsync(connection, batch.Readings, cancellationToken);

        // New assets and the readings first, which wait for no concurrent batch; the widening of existing rows comes
        // last, so that its row locks, which concurrent batches of the organization wait for, are held only until
        // the commit.
        var discovered = await InsertNewAssetsAsync(transaction, message, rules, now, cancellationToken);
        var stored = await InsertReadingsAsync(transaction, message, LateCutoffs(message.ReceivedAt, timeZones),
            cancellationToken);
        await WidenKnownAssetsAsync(transaction, message, now, cancellationToken);
        if (stored > 0)
        {
            await UsageObservationStore.MarkAsync(transaction, FedBuckets, new { orgId = message.OrgId }, now,
                cancellationToken);
        }
        return new StoredReadings(stored, batch.Readings.Count - stored, discovered);
    }

    /// <summary>
    /// Creates the staged assets nobody has seen before, each with the client of the sending key's scope or else of
    /// the first matching rule; returns the ones this batch created (a concurrent batch may have created others).
    /// Existing assets are filtered out by the snapshot first: ON CONFLICT alone would wait for every concurrent batch
    /// that is updating them.
    /// </summary>
    private static async Task<IReadOnlyList<DiscoveredAsset>> InsertNewAssetsAsync(NpgsqlTransaction transaction,
        UsageReadingsAccepted message, AssignmentRuleMatching rules, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters(new { orgId = message.OrgId, clientScope = message.ClientScope, now });
        parameters.AddDynamicParams(rules);
        var discovered = await transaction.Connection!.QueryAsync<DiscoveredRow>(new CommandDefinition($"""
            INSERT INTO assets (org_id, id, source, external_id, description, client_id, assigned_by,
                                first_seen_at, last_seen_at, created_at, updated_at)
            SELECT @orgId, s.new_id, s.source, s.external_id, s.description,
                   COALESCE(@clientScope, matched.client_id),
                   CASE WHEN @clientScope::uuid IS NOT NULL THEN '{AssignedBy.Key}'
                        WHEN matched.client_id IS NOT NULL THEN '{AssignedBy.Rule}' END,
                   s.first_seen_at, s.last_seen_at, @now, @now
            FROM staged_assets s
            LEFT JOIN LATERAL (
                SELECT rule.client_id FROM {AssignmentRuleMatching.Unnest} AS rule{AssignmentRuleMatching.UnnestColumns}
                WHERE {AssignmentRuleMatching.Matches("rule", "s")}
                ORDER BY rule.position LIMIT 1
            ) matched ON true
            WHERE NOT EXISTS (SELECT 1 FROM assets a
                              WHERE a.org_id = @orgId AND a.source = s.source AND a.external_id = s.external_id)
            ORDER BY s.source, s.external_id
            ON CONFLICT (org_id, source, external_id) DO NOTHING
            RETURNING id AS Id, source AS Source, external_id AS ExternalId, client_id AS ClientId,
                      first_seen_at AS FirstSeenAt
            """, parameters, transaction, cancellationToken: cancellationToken));
        return discovered.Select(row => row.ToDiscoveredAsset()).ToList();
    }

    /// <summary>
    /// Widens the times of the batch's assets in the sender's scope (the description follows the latest reading that
    /// carried one) and records, likewise widened, the unit types each asset reports. Rows are locked in key order, so
    /// concurrent batches of one organization wait for each other instead of deadlocking; assets only where they
    /// change (the upsert locks every pair it meets, for the short time until the commit).
    /// </summary>
    private static Task WidenKnownAssetsAsync(NpgsqlTransaction transaction, UsageReadingsAccepted message,
        DateTimeOffset now, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition($"""
            WITH moving AS (
                SELECT a.id, s.first_seen_at, s.last_seen_at, s.description, s.described_at
                FROM assets a JOIN staged_assets s
                  ON a.org_id = @orgId AND a.source = s.source AND a.external_id = s.external_id
                WHERE {InSenderScope}
                  AND (s.first_seen_at < a.first_seen_at OR s.last_seen_at > a.last_seen_at
                       OR ({NewerDescription} AND s.description IS DISTINCT FROM a.description))
                ORDER BY a.id
                FOR NO KEY UPDATE OF a)
            UPDATE assets a
            SET first_seen_at = LEAST(a.first_seen_at, s.first_seen_at),
                last_seen_at = GREATEST(a.last_seen_at, s.last_seen_at),
                description = CASE WHEN {NewerDescription} THEN s.description ELSE a.description END,
                updated_at = @now
            FROM moving s
            WHERE a.org_id = @orgId AND a.id = s.id;

            INSERT INTO asset_unit_types (org_id, asset_id, unit_type_key, first_seen_at, last_seen_at)
            SELECT @orgId, a.id, r.unit_type_key, min(r.observed_at), max(r.observed_at)
            FROM staged_readings r {ReadingAsset}
            WHERE {InSenderScope}
            GROUP BY a.id, r.unit_type_key
            ORDER BY a.id, r.unit_type_key
            ON CONFLICT (org_id, asset_id, unit_type_key) DO UPDATE
            SET first_seen_at = LEAST(asset_unit_types.first_seen_at, excluded.first_seen_at),
                last_seen_at = GREATEST(asset_unit_types.last_seen_at, excluded.last_seen_at)
            WHERE excluded.first_seen_at < asset_unit_types.first_seen_at
               OR excluded.last_seen_at > asset_unit_types.last_seen_at;
            """, new { orgId = message.OrgId, clientScope = message.ClientScope, now }, transaction,
            cancellationToken: cancellationToken));

    /// <summary>
    /// Writes the staged readings not stored before; <paramref name="lateBefore"/> holds each client time zone's
    /// cut-off (UTC's applies to unassigned assets and unknown zones), on assets in the sender's scope. Returns how
    /// many it wrote.
    /// </summary>
    private static Task<int> InsertReadingsAsync(NpgsqlTransaction transaction, UsageReadingsAccepted message,
        IReadOnlyDictionary<string, DateTimeOffset> lateBefore, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition($"""
            INSERT INTO raw_readings (org_id, observed_at, reading_id, asset_id, unit_type_key, quantity, description,
                                      received_at, batch_id, late)
            SELECT @orgId, r.observed_at, r.reading_id, a.id, r.unit_type_key, r.quantity, r.description,
                   @receivedAt, @batchId, r.observed_at < COALESCE(cutoff.late_before, @utcLateBefore)
            FROM staged_readings r {ReadingAsset}
            LEFT JOIN clients c ON c.org_id = a.org_id AND c.client_id = a.client_id
            LEFT JOIN unnest(@zones::text[], @zoneLateBefore::timestamptz[]) AS cutoff(time_zone, late_before)
                   ON cutoff.time_zone = c.time_zone
            WHERE {InSenderScope}
            ON CONFLICT DO NOTHING
            """, new
        {
            orgId = message.OrgId,
            clientScope = message.ClientScope,
            receivedAt = message.ReceivedAt.ToUniversalTime(),
            batchId = message.BatchId,
            utcLateBefore = ReadingLateness.LateBefore(message.ReceivedAt, TimeZoneInfo.Utc),
            zones = lateBefore.Keys.ToArray(),
            zoneLateBefore = lateBefore.Values.ToArray(),
        }, transaction, cancellationToken: cancellationToken));

    /// <summary>
    /// The time zones of the organization's clients, and its assignment rules oldest first (the first match wins).
    /// </summary>
    private static async Task<(IReadOnlyList<string> TimeZones, AssignmentRuleMatching Rules)> LoadOrganizationAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid orgId, CancellationToken cancellationToken)
    {
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition($"""
            SELECT DISTINCT time_zone FROM clients WHERE org_id = @orgId;
            {AssignmentRuleStore.SelectRules} WHERE r.org_id = @orgId ORDER BY r.created_at, r.id;
            """, new { orgId }, transaction, cancellationToken: cancellationToken));
        var timeZones = (await results.ReadAsync<string>()).ToList();
        var rules = (await results.ReadAsync<AssignmentRuleRow>()).Select(row => (row.Id, row.ToDefinition())).ToList();
        return (timeZones, AssignmentRuleMatching.From(rules));
    }

    /// <summary>
    /// Per client time zone, the instant before which the batch's readings are late. A zone this runtime does not
    /// know (the subscription service validated it, so a newer tz database) falls back to UTC, like an unassigned asset.
    /// </summary>
    private Dictionary<string, DateTimeOffset> LateCutoffs(DateTimeOffset receivedAt, IReadOnlyList<string> timeZones)
    {
        var cutoffs = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var timeZone in timeZones)
        {
            if (TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone))
            {
                cutoffs[timeZone] = ReadingLateness.LateBefore(receivedAt, zone);
            }
            else
            {
                LogUnknownTimeZone(timeZone);
            }
        }
        return cutoffs;
    }

    /// <summary>Stages the batch's assets, each with the id it gets if it turns out to be new.</summary>
    private static async Task CopyAssetsAsync(NpgsqlConnection connection, IReadOnlyList<ObservedAsset> assets,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var writer = await connection.BeginBinaryImportAsync("""
            COPY staged_assets (new_id, source, external_id, first_seen_at, last_seen_at, description, described_at)
            FROM STDIN (FORMAT BINARY)
            """, cancellationToken);
        foreach (var asset in assets)
        {
            await writer.StartRowAsync(cancellationToken);
            await writer.WriteAsync(Guid.CreateVersion7(now), NpgsqlDbType.Uuid, cancellationToken);
            await writer.WriteAsync(asset.Source, NpgsqlDbType.Text, cancellationToken);
            await writer.WriteAsync(asset.ExternalId, NpgsqlDbType.Text, cancellationToken);
            await writer.WriteAsync(asset.FirstSeenAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
            await writer.WriteAsync(asset.LastSeenAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
            await WriteTextAsync(writer, asset.Description, cancellationToken);
            if (asset.DescribedAt is { } describedAt)
            {
                await writer.WriteAsync(describedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
            }
            else
            {
                await writer.WriteNullAsync(cancellationToken);
            }
        }
        await writer.CompleteAsync(cancellationToken);
    }

    private static async Task CopyReadingsAsync(NpgsqlConnection connection, IReadOnlyList<AcceptedReading> readings,
        CancellationToken cancellationToken)
    {
        await using var writer = await connection.BeginBinaryImportAsync("""
            COPY staged_readings (reading_id, source, external_id, unit_type_key, quantity, observed_at, description)
            FROM STDIN (FORMAT BINARY)
            """, cancellationToken);
        foreach (var reading in readings)
        {
            await writer.StartRowAsync(cancellationToken);
            await writer.WriteAsync(reading.Id, NpgsqlDbType.Text, cancellationToken);
            await writer.WriteAsync(reading.AssetSource, NpgsqlDbType.Text, cancellationToken);
            await writer.WriteAsync(reading.AssetExternalId, NpgsqlDbType.Text, cancellationToken);
            await writer.WriteAsync(reading.UnitTypeKey, NpgsqlDbType.Text, cancellationToken);
            await writer.WriteAsync(reading.Quantity, NpgsqlDbType.Numeric, cancellationToken);
            await writer.WriteAsync(reading.ObservedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
            await WriteTextAsync(writer, reading.Description, cancellationToken);
        }
        await writer.CompleteAsync(cancellationToken);
    }

    private static Task WriteTextAsync(NpgsqlBinaryImporter writer, string? value, CancellationToken cancellationToken) =>
        value is null
            ? writer.WriteNullAsync(cancellationToken)
            : writer.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Client time zone {TimeZone} is unknown to this runtime; its readings' lateness is judged in UTC")]
    private partial void LogUnknownTimeZone(string timeZone);

    private sealed record DiscoveredRow(Guid Id, string Source, string ExternalId, Guid? ClientId, DateTime FirstSeenAt)
    {
        public DiscoveredAsset ToDiscoveredAsset() =>
            new(Id, Source, ExternalId, ClientId, new DateTimeOffset(FirstSeenAt, TimeSpan.Zero));
    }
}
