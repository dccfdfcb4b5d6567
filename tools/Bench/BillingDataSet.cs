using System.Diagnostics;
using System.Net.Http.Json;
using BillingOne.SystemDriver;
using Npgsql;
using NpgsqlTypes;

namespace BillingOne.Bench;

/// <summary>
/// The organization a billing run prices: clients of <see cref="BucketsPerClient"/> buckets in a mix of time zones,
/// one unit type per aggregation, <see cref="AssetsPerBucket"/> bound assets per bucket, and the readings of one
/// closed month. Unit types are created through the gateway; the rest is setup, not the measured thing, and is written
/// straight into metering's tables with binary COPY, in the shape the service gives them: client rows as
/// ClientUpserted stores them, assets and bindings as discovery and binding write them, and readings in the month's
/// partition in arrival (time) order, interleaved across assets as ingested batches leave them.
/// </summary>
public sealed class BillingDataSet
{
    public const int AssetsPerBucket = 4;
    public const int BucketsPerClient = 10;

    /// <summary>Every <c>DisregardedEvery</c>-th asset is disregarded: its readings are stored but not billed.</summary>
    public const int DisregardedEvery = 97;

    /// <summary>Zones at whole and half hours either side of UTC, so that periods start at different instants.</summary>
    public static readonly IReadOnlyList<string> TimeZones =
        ["UTC", "Australia/Sydney", "America/New_York", "Europe/Berlin", "Asia/Kolkata"];

    /// <summary>One unit type per aggregation; bucket i meters unit type i mod 5, so each has a fifth of the buckets.</summary>
    public static readonly IReadOnlyList<(string Key, string Aggregation)> UnitTypes =
    [
        ("bench-storage-gb", "sum"),
        ("bench-peak-users", "max"),
        ("bench-cpu-average", "avg"),
        ("bench-licences", "last"),
        ("bench-devices", "count"),
    ];

    // How many connections load the readings at once: one per core, each in time order over its share of the assets.
    private const int Loaders = 2;

    private readonly NpgsqlDataSource metering;
    private readonly Guid[] clientIds;
    private readonly Guid[] bucketIds;
    private readonly Guid[] assetIds;
    private readonly Dictionary<string, Guid> unitTypeIds;

    private BillingDataSet(NpgsqlDataSource metering, Guid orgId, int buckets, int readings, int year, int month,
        Dictionary<string, Guid> unitTypeIds)
    {
        this.metering = metering;
        this.unitTypeIds = unitTypeIds;
        OrgId = orgId;
        Readings = readings;
        Year = year;
        Month = month;
        clientIds = [.. Enumerable.Range(0, (buckets + BucketsPerClient - 1) / BucketsPerClient).Select(_ => Guid.NewGuid())];
        bucketIds = [.. Enumerable.Range(0, buckets).Select(_ => Guid.NewGuid())];
        assetIds = [.. Enumerable.Range(0, buckets * AssetsPerBucket).Select(_ => Guid.NewGuid())];
        var monthStart = new DateTimeOffset(year, month, 1, 0, 0, 0, TimeSpan.Zero);
        // A day inside the UTC month at either end, so every reading is inside each zone's month.
        From = monthStart.AddDays(1);
        To = monthStart.AddMonths(1).AddDays(-1);
    }

    public Guid OrgId { get; }

    public int Readings { get; }

    public int Year { get; }

    public int Month { get; }

    /// <summary>Where the readings are observed: a day inside the month's UTC bounds at either end.</summary>
    public DateTimeOffset From { get; }

    public DateTimeOffset To { get; }

    public int Clients => clientIds.Length;

    public int Buckets => bucketIds.Length;

    public int Assets => assetIds.Length;

    /// <summary>
    /// Creates the unit types through the gateway (as the demo admin), then writes clients, assets, buckets, bindings
    /// and readings of the month before last, which has ended in every time zone whatever today is.
    /// </summary>
    public static async Task<BillingDataSet> CreateAsync(RunningSystem system, NpgsqlDataSource metering, int buckets,
        int readings)
    {
        using (var admin = system.CreateGatewayClient())
        {
            foreach (var (key, aggregation) in UnitTypes)
            {
                using var response = await admin.PostAsJsonAsync("/api/metering/unit-types", new
                {
                    key,
                    name = $"Bench {key}",
                    basePrice = 50m,
                    overagePrice = 0.25m,
                    currency = "USD",
                    aggregation,
                });
                if (!response.IsSuccessStatusCode)
                {
                    throw new HttpRequestException($"Creating unit type {key} answered {(int)response.StatusCode}: " +
                        await response.Content.ReadAsStringAsync());
                }
            }
        }
        var unitTypeIds = new Dictionary<string, Guid>(StringComparer.Ordinal);
        var orgId = Guid.Empty;
        await using (var command = metering.CreateCommand("SELECT key, id, org_id FROM unit_types WHERE key LIKE 'bench-%'"))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                unitTypeIds[reader.GetString(0)] = reader.GetGuid(1);
                orgId = reader.GetGuid(2);
            }
        }
        if (unitTypeIds.Count != UnitTypes.Count)
        {
            throw new InvalidOperationException($"Metering holds {unitTypeIds.Count} of the {UnitTypes.Count} bench unit types.");
        }
        var billed = DateTime.UtcNow.AddMonths(-2);
        var data = new BillingDataSet(metering, orgId, buckets, readings, billed.Year, billed.Month, unitTypeIds);
        await data.LoadAsync();
        return data;
    }

    private async Task LoadAsync()
    {
        await CopyAsync("COPY clients (org_id, client_id, name, enabled, time_zone, version) FROM STDIN (FORMAT BINARY)",
            Enumerable.Range(0, Clients), async (writer, client) =>
            {
                await writer.WriteAsync(OrgId, NpgsqlDbType.Uuid);
                await writer.WriteAsync(clientIds[client], NpgsqlDbType.Uuid);
                await writer.WriteAsync($"Bench client {client:D5}", NpgsqlDbType.Text);
                await writer.WriteAsync(true, NpgsqlDbType.Boolean);
                await writer.WriteAsync(TimeZones[client % TimeZones.Count], NpgsqlDbType.Text);
                await writer.WriteAsync(1L, NpgsqlDbType.Bigint);
            });
        var now = DateTimeOffset.UtcNow;
        await CopyAsync("COPY buckets (org_id, id, client_id, name, unit_type_id, aggregation, commit_units, base_price, " +
            "overage_price, currency, reviewed, enabled, auto_provisioned, created_at, updated_at) FROM STDIN (FORMAT BINARY)",
            Enumerable.Range(0, Buckets), async (writer, bucket) =>
            {
                var (key, aggregation) = UnitTypes[bucket % UnitTypes.Count];
                await writer.WriteAsync(OrgId, NpgsqlDbType.Uuid);
                await writer.WriteAsync(bucketIds[bucket], NpgsqlDbType.Uuid);
                await writer.WriteAsync(clientIds[bucket / BucketsPerClient], NpgsqlDbType.Uuid);
                await writer.WriteAsync($"Bench bucket {bucket:D6}", NpgsqlDbType.Text);
                await writer.WriteAsync(unitTypeIds[key], NpgsqlDbType.Uuid);
                await writer.WriteAsync(aggregation, NpgsqlDbType.Text);
                // Commits either side of typical usage, so runs price both overage and buffer.
                await writer.WriteAsync(bucket % 2 == 0 ? 10m : 100_000m, NpgsqlDbType.Numeric);
                await writer.WriteAsync(50m, NpgsqlDbType.Numeric);
                await writer.WriteAsync(0.25m, NpgsqlDbType.Numeric);
                await writer.WriteAsync("USD", NpgsqlDbType.Char);
                await writer.WriteAsync(true, NpgsqlDbType.Boolean);
                await writer.WriteAsync(true, NpgsqlDbType.Boolean);
                await writer.WriteAsync(false, NpgsqlDbType.Boolean);
                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
            });
        await CopyAsync("COPY assets (org_id, id, source, external_id, client_id, assigned_by, acknowledged_at, enabled, " +
            "disregarded_at, first_seen_at, last_seen_at, created_at, updated_at) FROM STDIN (FORMAT BINARY)",
            Enumerable.Range(0, Assets), async (writer, asset) =>
            {
                await writer.WriteAsync(OrgId, NpgsqlDbType.Uuid);
                await writer.WriteAsync(assetIds[asset], NpgsqlDbType.Uuid);
                await writer.WriteAsync("bench-agent", NpgsqlDbType.Text);
                await writer.WriteAsync($"bench-asset-{asset:D6}", NpgsqlDbType.Text);
                await writer.WriteAsync(clientIds[BucketOf(asset) / BucketsPerClient], NpgsqlDbType.Uuid);
                await writer.WriteAsync("manual", NpgsqlDbType.Text);
                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(true, NpgsqlDbType.Boolean);
                if (asset % DisregardedEvery == 0)
                {
                    await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
                }
                else
                {
                    await writer.WriteNullAsync();
                }
                await writer.WriteAsync(From, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(To, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
            });
        await CopyAsync("COPY asset_unit_types (org_id, asset_id, unit_type_key) FROM STDIN (FORMAT BINARY)",
            Enumerable.Range(0, Assets), async (writer, asset) =>
            {
                await writer.WriteAsync(OrgId, NpgsqlDbType.Uuid);
                await writer.WriteAsync(assetIds[asset], NpgsqlDbType.Uuid);
                await writer.WriteAsync(UnitTypeKeyOf(asset), NpgsqlDbType.Text);
            });
        var boundBy = Guid.NewGuid();
        await CopyAsync("COPY bucket_assets (org_id, bucket_id, asset_id, bound_at, bound_by) FROM STDIN (FORMAT BINARY)",
            Enumerable.Range(0, Assets), async (writer, asset) =>
            {
                await writer.WriteAsync(OrgId, NpgsqlDbType.Uuid);
                await writer.WriteAsync(bucketIds[BucketOf(asset)], NpgsqlDbType.Uuid);
                await writer.WriteAsync(assetIds[asset], NpgsqlDbType.Uuid);
                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(boundBy, NpgsqlDbType.Uuid);
            });

        await using (var partition = metering.CreateCommand("SELECT ensure_raw_readings_partition($1)"))
        {
            partition.Parameters.AddWithValue(From);
            await partition.ExecuteNonQueryAsync();
        }
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Loaders).Select(CopyReadingsAsync));
        Console.WriteLine(FormattableString.Invariant(
            $"  {Readings:N0} readings copied in {clock.Elapsed.TotalSeconds:F0} s ({Readings / clock.Elapsed.TotalSeconds:N0}/s)."));

        // A closed month has long been vacuumed and analyzed by autovacuum; the checkpoint keeps the load's dirty
        // pages from being written out during the measured statements.
        clock.Restart();
        await CleanStart.VacuumAnalyzeAndCheckpointAsync(metering,
            "raw_readings, clients, assets, asset_unit_types, buckets, bucket_assets");
        Console.WriteLine(FormattableString.Invariant($"  Vacuumed, analyzed and checkpointed in {clock.Elapsed.TotalSeconds:F0} s."));
    }

    /// <summary>
    /// One loader's readings: the assets <c>a</c> with <c>a mod Loaders = loader</c>, step by step through the month
    /// (every asset's j-th reading, then every asset's (j+1)-th), so rows lie in the table in time order. Assets before
    /// the remainder of <see cref="Readings"/> / assets get one reading more, at the last step.
    /// </summary>
    private async Task CopyReadingsAsync(int loader)
    {
        var perAsset = Readings / Assets;
        var remainder = Readings % Assets;
        var steps = perAsset + (remainder > 0 ? 1 : 0);
        var step = (To - From) / (steps + 1);
        var batchId = Guid.NewGuid();
        await using var connection = await metering.OpenConnectionAsync();
        await using var writer = await connection.BeginBinaryImportAsync(
            "COPY raw_readings (org_id, observed_at, reading_id, asset_id, unit_type_key, quantity, description, " +
            "received_at, batch_id, late) FROM STDIN (FORMAT BINARY)");
        writer.Timeout = TimeSpan.Zero;
        for (var j = 0; j < steps; j++)
        {
            var assetsThisStep = j < perAsset ? Assets : remainder;
            for (var asset = loader; asset < assetsThisStep; asset += Loaders)
            {
                // Each asset a little later than the one before, so no two readings of a step share an instant.
                var observedAt = From + step * j + step * asset / Assets;
                await writer.StartRowAsync();
                await writer.WriteAsync(OrgId, NpgsqlDbType.Uuid);
                await writer.WriteAsync(observedAt, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync($"bench-{asset}-{j}", NpgsqlDbType.Text);
                await writer.WriteAsync(assetIds[asset], NpgsqlDbType.Uuid);
                await writer.WriteAsync(UnitTypeKeyOf(asset), NpgsqlDbType.Text);
                await writer.WriteAsync(Quantity(asset, j), NpgsqlDbType.Numeric);
                await writer.WriteNullAsync();
                await writer.WriteAsync(observedAt.AddMinutes(1), NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(batchId, NpgsqlDbType.Uuid);
                await writer.WriteAsync(false, NpgsqlDbType.Boolean);
            }
        }
        await writer.CompleteAsync();
    }

    /// <summary>0 to 99.999, spread so that sums, maxima, averages and last readings differ between assets.</summary>
    private static decimal Quantity(int asset, int step) => (asset * 7_919L + step * 104_729L) % 100_000 / 1000m;

    private static int BucketOf(int asset) => asset / AssetsPerBucket;

    private static string UnitTypeKeyOf(int asset) => UnitTypes[BucketOf(asset) % UnitTypes.Count].Key;

    private async Task CopyAsync(string copy, IEnumerable<int> rows, Func<NpgsqlBinaryImporter, int, Task> writeRow)
    {
        await using var connection = await metering.OpenConnectionAsync();
        await using var writer = await connection.BeginBinaryImportAsync(copy);
        foreach (var row in rows)
        {
            await writer.StartRowAsync();
            await writeRow(writer, row);
        }
        await writer.CompleteAsync();
    }
}
