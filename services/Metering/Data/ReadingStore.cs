using BillingOne.Contracts.Events;
using BillingOne.Metering.Domain;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace BillingOne.Metering.Data;

/// <summary>An asset the batch created: it had never reported before.</summary>
public sealed record DiscoveredAsset(Guid Id, string Source, string ExternalId, Guid? ClientId, DateTimeOffset FirstSeenAt);

/// <summary>
/// What storing a batch did: <see cref="Stored"/> readings were new, <see cref="Conflicts"/> repeated a stored
/// reading's id with another payload (recorded as ingest exceptions), the rest were stored before or were not the
/// sender's to report.
/// </summary>
public sealed record StoredReadings(int Stored, int AlreadyStored, int Conflicts, IReadOnlyList<DiscoveredAsset> Discovered);

/// <summary>
/// Stores batches of accepted readings: resolves and discovers their assets, writes the raw readings and records what
/// the batch saw of its assets for the next fold (<see cref="AssetSightingStore"/>), all set-based (the batch travels
/// as array parameters or a binary COPY), so the number of round trips does not grow with the batch. Each reading goes
/// into <c>raw_readings</c> with its asset id and lateness already decided, so the one statement per reading joins
/// nothing.
/// </summary>
public sealed partial class ReadingStore(TimeProvider timeProvider, ILogger<ReadingStore> logger)
{
    /// <summary>The batch's assets (<c>s</c>), as the array parameters of <see cref="AssetArrays"/> and their new ids.</summary>
    private const string BatchAssets = """
        unnest(@assetNewIds::uuid[], @assetSources::text[], @assetExternalIds::text[], @assetFirstSeen::timestamptz[],
               @assetLastSeen::timestamptz[], @assetDescriptions::text[], @assetDescribedAt::timestamptz[])
            AS s(new_id, source, external_id, first_seen_at, last_seen_at, description, described_at)
        """;

    /// <summary>
    /// The asset (alias <c>a</c>) is the sending key's to report on: any asset for an organization-wide key, its own
    /// client's for a client-scoped key (ingestion refuses the others; this keeps them out even when ingestion's copy
    /// of the asset's client was behind).
    /// </summary>
    private const string InSenderScope = "(@clientScope::uuid IS NULL OR a.client_id = @clientScope)";

    /// <summary>
    /// Stores <paramref name="batch"/> inside <paramref name="transaction"/>. Idempotent by reading: readings
    /// stored before (by this or any other message) are skipped, and folded sightings only ever widen an asset's times.
    /// The buckets new readings feed are marked for a usage observation in the same transaction.
    /// </summary>
    public async Task<StoredReadings> StoreAsync(NpgsqlTransaction transaction, UsageReadingsAccepted message,
        ReadingBatch batch, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        await connection.ExecuteAsync(new CommandDefinition("""
            SELECT ensure_raw_readings_partition(month) FROM unnest(@months::timestamptz[]) AS month
            """, new { months = batch.Months.ToArray() }, transaction, cancellationToken: cancellationToken));

        var now = timeProvider.GetUtcNow();
        var assets = AssetArrays.Of(batch.Assets);
        // Nearly every batch reports known assets only: one lookup finds them, and only a batch with an asset it
        // did not find creates assets, then looks again (a concurrent batch may have created some).
        var found = await FindAssetsAsync(transaction, message, assets, cancellationToken);
        IReadOnlyList<DiscoveredAsset> discovered = [];
        if (Array.IndexOf(found, null) >= 0)
        {
            var rules = await LoadRulesAsync(connection, transaction, message.OrgId, cancellationToken);
            discovered = await InsertNewAssetsAsync(transaction, message, assets, rules, now, cancellationToken);
            found = await FindAssetsAsync(transaction, message, assets, cancellationToken);
        }
        var inScope = found.Select(asset => asset is { InSenderScope: true } ? asset : null).ToArray();
        var rows = ReadingRows.Of(batch, inScope, LateCutoffs(message.ReceivedAt));
        var (stored, conflicts) = await InsertReadingsAsync(transaction, message, rows, now, cancellationToken);
        await RecordUnitTypesAsync(transaction, message.OrgId, rows, cancellationToken);
        await AssetSightingStore.RecordAsync(transaction, message.OrgId, AssetSightings.Of(assets, inScope), now,
            cancellationToken);
        if (stored > 0)
        {
            await UsageObservationStore.MarkAsync(transaction, $"""
                SELECT DISTINCT ba.org_id, ba.bucket_id
                FROM unnest(@assetIds::uuid[], @unitTypeKeys::text[]) AS fed(asset_id, unit_type_key)
                JOIN bucket_assets ba ON ba.org_id = @orgId AND ba.asset_id = fed.asset_id
                JOIN buckets b ON b.org_id = ba.org_id AND b.id = ba.bucket_id
                JOIN unit_types ut ON ut.org_id = b.org_id AND ut.id = b.unit_type_id AND ut.key = fed.unit_type_key
                """, new { orgId = message.OrgId, assetIds = rows.SeenAssetIds, unitTypeKeys = rows.SeenUnitTypeKeys },
                now, cancellationToken);
        }
        return new StoredReadings(stored, batch.Readings.Count - stored - conflicts, conflicts, discovered);
    }

    /// <summary>
    /// Creates the batch's assets nobody has seen before, each with the client of the sending key's scope or else of
    /// the first matching rule; returns the ones this batch created (a concurrent batch may have created others).
    /// Existing assets are filtered out by the snapshot first: ON CONFLICT alone would wait for every concurrent batch
    /// that is updating them.
    /// </summary>
    private static async Task<IReadOnlyList<DiscoveredAsset>> InsertNewAssetsAsync(NpgsqlTransaction transaction,
        UsageReadingsAccepted message, AssetArrays assets, AssignmentRuleMatching rules, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        // Each asset's id if it turns out to be new.
        var assetNewIds = Array.ConvertAll(assets.AssetSources, _ => Guid.CreateVersion7(now));
        var parameters = new DynamicParameters(new { orgId = message.OrgId, clientScope = message.ClientScope, now, assetNewIds });
        parameters.AddDynamicParams(assets);
        parameters.AddDynamicParams(rules);
        var discovered = await transaction.Connection!.QueryAsync<DiscoveredRow>(new CommandDefinition($"""
            INSERT INTO assets (org_id, id, source, external_id, description, described_at, client_id, assigned_by,
                                first_seen_at, last_seen_at, created_at, updated_at)
            SELECT @orgId, s.new_id, s.source, s.external_id, s.description, s.described_at,
                   COALESCE(@clientScope, matched.client_id),
                   CASE WHEN @clientScope::uuid IS NOT NULL THEN '{AssignedBy.Key}'
                        WHEN matched.client_id IS NOT NULL THEN '{AssignedBy.Rule}' END,
                   s.first_seen_at, s.last_seen_at, @now, @now
            FROM {BatchAssets}
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
    /// Each of the batch's assets that exists, by its position in <paramref name="assets"/>: its id, its client's time
    /// zone and whether it is the sender's to report on; null for one not found.
    /// </summary>
    private static async Task<FoundAsset?[]> FindAssetsAsync(NpgsqlTransaction transaction,
        UsageReadingsAccepted message, AssetArrays assets, CancellationToken cancellationToken)
    {
        var rows = await transaction.Connection!.QueryAsync<FoundAssetRow>(new CommandDefinition($"""
            SELECT s.position::int AS Position, a.id AS Id, c.time_zone AS TimeZone, {InSenderScope} AS InSenderScope
            FROM unnest(@assetSources::text[], @assetExternalIds::text[]) WITH ORDINALITY AS s(source, external_id, position)
            JOIN assets a ON a.org_id = @orgId AND a.source = s.source AND a.external_id = s.external_id
            LEFT JOIN clients c ON c.org_id = a.org_id AND c.client_id = a.client_id
            """, new
        {
            orgId = message.OrgId,
            clientScope = message.ClientScope,
            assets.AssetSources,
            assets.AssetExternalIds,
        }, transaction, cancellationToken: cancellationToken));
        var found = new FoundAsset?[assets.AssetSources.Length];
        foreach (var row in rows)
        {
            found[row.Position - 1] = new FoundAsset(row.Id, row.TimeZone, row.InSenderScope);
        }
        return found;
    }

    /// <summary>
    /// Records the unit types each asset reports that it had not reported before (the unbound view reads them). The
    /// snapshot filters out the known pairs first, so a batch of known pairs writes and locks nothing.
    /// </summary>
    private static Task RecordUnitTypesAsync(NpgsqlTransaction transaction, Guid orgId, ReadingRows rows,
        CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition("""
            INSERT INTO asset_unit_types (org_id, asset_id, unit_type_key)
            SELECT @orgId, seen.asset_id, seen.unit_type_key
            FROM unnest(@seenAssetIds::uuid[], @seenUnitTypeKeys::text[]) AS seen(asset_id, unit_type_key)
            WHERE NOT EXISTS (SELECT 1 FROM asset_unit_types aut
                              WHERE aut.org_id = @orgId AND aut.asset_id = seen.asset_id
                                AND aut.unit_type_key = seen.unit_type_key)
            ORDER BY seen.asset_id, seen.unit_type_key
            ON CONFLICT (org_id, asset_id, unit_type_key) DO NOTHING
            """, new { orgId, seenAssetIds = rows.SeenAssetIds, seenUnitTypeKeys = rows.SeenUnitTypeKeys }, transaction,
            cancellationToken: cancellationToken));

    /// <summary>
    /// Writes the readings whose ids are new for their sender, each with its id in <c>stored_reading_ids</c>, and
    /// records the repeats that changed the payload as ingest exceptions; returns how many readings it wrote and how
    /// many conflicts it recorded. Nearly always every id is new, so ids and readings are copied in (binary COPY, the
    /// cheapest way in) under a savepoint. Only when an id is stored already (the sender sent the reading again, or
    /// the message was delivered again) does a COPY fail on a key; then the ids are claimed one statement at a time,
    /// skipping the stored ones, and only the readings of the ids claimed go in.
    /// </summary>
    private static async Task<(int Stored, int Conflicts)> InsertReadingsAsync(NpgsqlTransaction transaction,
        UsageReadingsAccepted message, ReadingRows rows, DateTimeOffset now, CancellationToken cancellationToken)
    {
        const string savepoint = "copy_readings";
        var sender = ReadingIdStore.SenderOf(message);
        await transaction.SaveAsync(savepoint, cancellationToken);
        try
        {
            await ReadingIdStore.CopyAsync(transaction.Connection!, message.OrgId, sender, rows, cancellationToken);
            var copied = await CopyReadingsAsync(transaction.Connection!, message, rows, cancellationToken);
            await transaction.ReleaseAsync(savepoint, cancellationToken);
            return (copied, 0);
        }
        catch (PostgresException stored) when (stored.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            await transaction.RollbackAsync(savepoint, cancellationToken);
        }

        var claimed = await ReadingIdStore.ClaimAsync(transaction, message.OrgId, sender, rows, cancellationToken);
        var written = await InsertSkippingStoredAsync(transaction, message, rows.Where(claimed), cancellationToken);
        var repeats = rows.Where(claimed.Select(isNew => !isNew).ToArray());
        var kept = await ReadingIdStore.KeptReadingsAsync(transaction, message.OrgId, sender, repeats.ReadingIds,
            cancellationToken);
        // A repeat whose reading is gone (its month archived) has nothing left to conflict with.
        var conflicts = repeats.Sent
            .Select(sent => kept.TryGetValue(sent.Id, out var first) ? IngestConflict.Between(message, first, sent, now) : null)
            .OfType<IngestConflict>()
            .ToList();
        await IngestExceptionStore.RecordAsync(transaction, message.OrgId, conflicts, cancellationToken);
        return (written, conflicts.Count);
    }

    private static async Task<int> CopyReadingsAsync(NpgsqlConnection connection, UsageReadingsAccepted message,
        ReadingRows rows, CancellationToken cancellationToken)
    {
        var receivedAt = message.ReceivedAt.UtcDateTime;
        await using var writer = await connection.BeginBinaryImportAsync("""
            COPY raw_readings (org_id, observed_at, reading_id, asset_id, unit_type_key, quantity, description,
                               received_at, batch_id, late)
            FROM STDIN (FORMAT BINARY)
            """, cancellationToken);
        // Rows are written synchronously: they go into the importer's buffer, and the few sends when it fills are on
        // loopback or a LAN; ten awaited writes per reading cost metering more CPU than the rows themselves.
        for (var i = 0; i < rows.ReadingIds.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            writer.StartRow();
            writer.Write(message.OrgId, NpgsqlDbType.Uuid);
            writer.Write(rows.ObservedAt[i], NpgsqlDbType.TimestampTz);
            writer.Write(rows.ReadingIds[i], NpgsqlDbType.Text);
            writer.Write(rows.AssetIds[i], NpgsqlDbType.Uuid);
            writer.Write(rows.UnitTypeKeys[i], NpgsqlDbType.Text);
            writer.Write(rows.Quantities[i], NpgsqlDbType.Numeric);
            if (rows.Descriptions[i] is { } description)
            {
                writer.Write(description, NpgsqlDbType.Text);
            }
            else
            {
                writer.WriteNull();
            }
            writer.Write(receivedAt, NpgsqlDbType.TimestampTz);
            writer.Write(message.BatchId, NpgsqlDbType.Uuid);
            writer.Write(rows.Late[i], NpgsqlDbType.Boolean);
        }
        return checked((int)await writer.CompleteAsync(cancellationToken));
    }

    private static Task<int> InsertSkippingStoredAsync(NpgsqlTransaction transaction, UsageReadingsAccepted message,
        ReadingRows rows, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition("""
            INSERT INTO raw_readings (org_id, observed_at, reading_id, asset_id, unit_type_key, quantity, description,
                                      received_at, batch_id, late)
            SELECT @orgId, r.observed_at, r.reading_id, r.asset_id, r.unit_type_key, r.quantity, r.description,
                   @receivedAt, @batchId, r.late
            FROM unnest(@observedAt::timestamptz[], @readingIds::text[], @assetIds::uuid[], @unitTypeKeys::text[],
                        @quantities::numeric[], @descriptions::text[], @late::boolean[])
                AS r(observed_at, reading_id, asset_id, unit_type_key, quantity, description, late)
            ON CONFLICT DO NOTHING
            """, new
        {
            orgId = message.OrgId,
            receivedAt = message.ReceivedAt.ToUniversalTime(),
            batchId = message.BatchId,
            observedAt = rows.ObservedAt,
            readingIds = rows.ReadingIds,
            assetIds = rows.AssetIds,
            unitTypeKeys = rows.UnitTypeKeys,
            quantities = rows.Quantities,
            descriptions = rows.Descriptions,
            late = rows.Late,
        }, transaction, cancellationToken: cancellationToken));

    /// <summary>The organization's assignment rules oldest first (the first match wins).</summary>
    private static async Task<AssignmentRuleMatching> LoadRulesAsync(NpgsqlConnection connection,
        NpgsqlTransaction transaction, Guid orgId, CancellationToken cancellationToken)
    {
        var rules = await connection.QueryAsync<AssignmentRuleRow>(new CommandDefinition($"""
            {AssignmentRuleStore.SelectRules} WHERE r.org_id = @orgId ORDER BY r.created_at, r.id
            """, new { orgId }, transaction, cancellationToken: cancellationToken));
        return AssignmentRuleMatching.From(rules.Select(row => (row.Id, row.ToDefinition())).ToList());
    }

    /// <summary>
    /// The instant before which a reading on an asset of a client in the given time zone (null: unassigned) is late,
    /// for a batch received at <paramref name="receivedAt"/>. A zone this runtime does not know (the subscription
    /// service validated it, so a newer tz database) falls back to UTC, like an unassigned asset.
    /// </summary>
    private Func<string?, DateTimeOffset> LateCutoffs(DateTimeOffset receivedAt)
    {
        var utc = ReadingLateness.LateBefore(receivedAt, TimeZoneInfo.Utc);
        var cutoffs = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        return timeZone =>
        {
            if (timeZone is null)
            {
                return utc;
            }
            if (!cutoffs.TryGetValue(timeZone, out var cutoff))
            {
                if (TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone))
                {
                    cutoff = ReadingLateness.LateBefore(receivedAt, zone);
                }
                else
                {
                    LogUnknownTimeZone(timeZone);
                    cutoff = utc;
                }
                cutoffs[timeZone] = cutoff;
            }
            return cutoff;
        };
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Client time zone {TimeZone} is unknown to this runtime; its readings' lateness is judged in UTC")]
    private partial void LogUnknownTimeZone(string timeZone);

    private sealed record DiscoveredRow(Guid Id, string Source, string ExternalId, Guid? ClientId, DateTime FirstSeenAt)
    {
        public DiscoveredAsset ToDiscoveredAsset() =>
            new(Id, Source, ExternalId, ClientId, new DateTimeOffset(FirstSeenAt, TimeSpan.Zero));
    }

    private sealed record FoundAssetRow(int Position, Guid Id, string? TimeZone, bool InSenderScope);
}

/// <summary>
/// An asset of the batch as stored: its id, its client's time zone (null when unassigned) and whether the sending key
/// may report on it.
/// </summary>
internal sealed record FoundAsset(Guid Id, string? TimeZone, bool InSenderScope);

/// <summary>The batch's assets as array parameters (Dapper binds the properties as <c>@asset…</c>).</summary>
internal sealed record AssetArrays(string[] AssetSources, string[] AssetExternalIds, DateTime[] AssetFirstSeen,
    DateTime[] AssetLastSeen, string?[] AssetDescriptions, DateTime?[] AssetDescribedAt)
{
    public static AssetArrays Of(IReadOnlyList<ObservedAsset> assets) => new(
        assets.Select(asset => asset.Source).ToArray(),
        assets.Select(asset => asset.ExternalId).ToArray(),
        assets.Select(asset => asset.FirstSeenAt.UtcDateTime).ToArray(),
        assets.Select(asset => asset.LastSeenAt.UtcDateTime).ToArray(),
        assets.Select(asset => asset.Description).ToArray(),
        assets.Select(asset => asset.DescribedAt?.UtcDateTime).ToArray());
}

/// <summary>
/// The batch's readings on assets in the sender's scope, as the columns of <c>raw_readings</c>, and
/// the distinct (asset, unit type) pairs they report (the <c>Seen…</c> arrays; the statements using them sort).
/// </summary>
internal sealed class ReadingRows
{
    /// <summary>The readings as the message carried them, in the order of the columns.</summary>
    public required AcceptedReading[] Sent { get; init; }
    public required DateTime[] ObservedAt { get; init; }
    public required string[] ReadingIds { get; init; }
    public required Guid[] AssetIds { get; init; }
    public required string[] UnitTypeKeys { get; init; }
    public required decimal[] Quantities { get; init; }
    public required string?[] Descriptions { get; init; }
    public required bool[] Late { get; init; }
    public required Guid[] SeenAssetIds { get; init; }
    public required string[] SeenUnitTypeKeys { get; init; }

    /// <param name="assets">Each of the batch's assets, by position: where and how it is stored, null when the readings
    /// on it are not the sender's to store.</param>
    /// <param name="lateBefore">The lateness cut-off for a client time zone (null: unassigned).</param>
    public static ReadingRows Of(ReadingBatch batch, FoundAsset?[] assets, Func<string?, DateTimeOffset> lateBefore)
    {
        var cutoffs = assets.Select(asset => asset is null ? default : lateBefore(asset.TimeZone)).ToArray();
        var count = 0;
        for (var i = 0; i < batch.Readings.Count; i++)
        {
            if (assets[batch.AssetOfReading[i]] is not null)
            {
                count++;
            }
        }
        var sent = new AcceptedReading[count];
        var late = new bool[count];
        var assetIds = new Guid[count];
        var seen = new HashSet<(Guid AssetId, string UnitTypeKey)>();
        var row = 0;
        for (var i = 0; i < batch.Readings.Count; i++)
        {
            var position = batch.AssetOfReading[i];
            if (assets[position] is not { } asset)
            {
                continue;
            }
            var reading = batch.Readings[i];
            sent[row] = reading;
            assetIds[row] = asset.Id;
            late[row] = reading.ObservedAt < cutoffs[position];
            seen.Add((asset.Id, reading.UnitTypeKey));
            row++;
        }
        return new ReadingRows
        {
            Sent = sent,
            ObservedAt = Array.ConvertAll(sent, reading => reading.ObservedAt.UtcDateTime),
            ReadingIds = Array.ConvertAll(sent, reading => reading.Id),
            AssetIds = assetIds,
            UnitTypeKeys = Array.ConvertAll(sent, reading => reading.UnitTypeKey),
            Quantities = Array.ConvertAll(sent, reading => reading.Quantity),
            Descriptions = Array.ConvertAll(sent, reading => reading.Description),
            Late = late,
            SeenAssetIds = seen.Select(pair => pair.AssetId).ToArray(),
            SeenUnitTypeKeys = seen.Select(pair => pair.UnitTypeKey).ToArray(),
        };
    }

    /// <summary>The readings at the positions <paramref name="keep"/> marks; the <c>Seen…</c> arrays stay whole.</summary>
    public ReadingRows Where(bool[] keep)
    {
        T[] Kept<T>(T[] column) => column.Where((_, position) => keep[position]).ToArray();
        return new ReadingRows
        {
            ObservedAt = Kept(ObservedAt),
            Sent = Kept(Sent),
            ReadingIds = Kept(ReadingIds),
            AssetIds = Kept(AssetIds),
            UnitTypeKeys = Kept(UnitTypeKeys),
            Quantities = Kept(Quantities),
            Descriptions = Kept(Descriptions),
            Late = Kept(Late),
            SeenAssetIds = SeenAssetIds,
            SeenUnitTypeKeys = SeenUnitTypeKeys,
        };
    }
}
