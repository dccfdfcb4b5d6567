using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace BillingOne.Bench;

/// <summary>A client of the analytics data: its id, name and the currency its buckets bill in.</summary>
public sealed record AnalyticsClient(Guid ClientId, string Name, string Currency);

/// <summary>
/// The metering analytics' data (issue #18): <c>buckets</c> buckets of <see cref="BucketsPerClient"/> per client, each
/// with <see cref="FinalizedPeriods"/> finalized months and the current one, written straight into the projection's
/// <c>bucket_usage_observations</c> with binary COPY: the rows the BucketUsageObserved applier stores for such
/// observations (newest version, daily series to the end of each whole day, final and latest flags), without projections, backtest
/// errors or event-log entries — the recalculation computes the first two, as it does for periods stored before
/// migration 0007. Usage follows each bucket's level against its commit (60–140 %), a drift over the months, noise, and
/// for sums and counts a weekly pattern (weekends at a third of weekdays).
/// </summary>
public sealed class AnalyticsDataSet
{
    public const int BucketsPerClient = 5;
    public const int FinalizedPeriods = 12;

    /// <summary>Every <c>DisabledEvery</c>-th bucket is disabled: stored, left out of every figure.</summary>
    public const int DisabledEvery = 50;

    /// <summary>Unit types and their aggregations; bucket i meters unit type i mod 8.</summary>
    public static readonly IReadOnlyList<(string Key, string Aggregation)> UnitTypes =
    [
        ("storage-gb", "sum"),
        ("backup-gb", "sum"),
        ("api-calls", "count"),
        ("tickets", "count"),
        ("peak-users", "max"),
        ("devices", "max"),
        ("cpu-average", "avg"),
        ("licences", "last"),
    ];

    /// <summary>Source types of the buckets (null: any source), when the table has wt-ana's source_type column.</summary>
    private static readonly string?[] SourceTypes = ["ninjaone", "datto-rmm", "pax8", null];

    private static readonly string[] Words =
        ["Dental", "Legal", "Logistics", "Clinic", "Partners", "Accounting", "Studio", "Builders", "Foods", "Trust"];

    private AnalyticsDataSet(Guid orgId, IReadOnlyList<AnalyticsClient> clients, int buckets, int year, int month,
        DateTimeOffset observedAt)
    {
        OrgId = orgId;
        Clients = clients;
        Buckets = buckets;
        Year = year;
        Month = month;
        ObservedAt = observedAt;
    }

    public Guid OrgId { get; }

    public IReadOnlyList<AnalyticsClient> Clients { get; }

    public int Buckets { get; }

    /// <summary>The current period (the month of <see cref="ObservedAt"/>, UTC).</summary>
    public int Year { get; }

    public int Month { get; }

    /// <summary>When the current periods were observed: the run's start.</summary>
    public DateTimeOffset ObservedAt { get; }

    public int Rows => Buckets * (FinalizedPeriods + 1);

    public TimeSpan LoadedIn { get; private set; }

    /// <summary>Writes the rows for <paramref name="orgId"/> and analyzes the table, as autovacuum would after them.</summary>
    public static async Task<AnalyticsDataSet> LoadAsync(NpgsqlDataSource projection, Guid orgId, int buckets)
    {
        var now = DateTimeOffset.UtcNow;
        var clients = Enumerable.Range(0, (buckets + BucketsPerClient - 1) / BucketsPerClient)
            .Select(index => new AnalyticsClient(Guid.NewGuid(), $"Client {index + 1:D4} {Words[index % Words.Length]}",
                index % 4 == 3 ? "EUR" : "USD"))
            .ToList();
        var data = new AnalyticsDataSet(orgId, clients, buckets, now.Year, now.Month, now);
        var clock = Stopwatch.StartNew();
        await using var connection = await projection.OpenConnectionAsync();
        bool hasSourceType;
        await using (var column = new NpgsqlCommand("""
            SELECT EXISTS (SELECT 1 FROM information_schema.columns
                           WHERE table_name = 'bucket_usage_observations' AND column_name = 'source_type')
            """, connection))
        {
            hasSourceType = (bool)(await column.ExecuteScalarAsync())!;
        }
        var columns = "org_id, bucket_id, year, month, version, client_id, client_name, bucket_name, unit_type_key, " +
            "aggregation, enabled, commit_units, base_price, overage_price, currency, period_start, period_end, " +
            "observed_at, usage, daily_usage, final, latest" + (hasSourceType ? ", source_type" : "");
        await using (var writer = await connection.BeginBinaryImportAsync(
            $"COPY bucket_usage_observations ({columns}) FROM STDIN (FORMAT BINARY)"))
        {
            var random = new Random(18);
            for (var index = 0; index < buckets; index++)
            {
                await data.WriteBucketAsync(writer, index, random, hasSourceType);
            }
            await writer.CompleteAsync();
        }
        await using (var analyze = new NpgsqlCommand("ANALYZE bucket_usage_observations", connection))
        {
            await analyze.ExecuteNonQueryAsync();
        }
        data.LoadedIn = clock.Elapsed;
        return data;
    }

    private async Task WriteBucketAsync(NpgsqlBinaryImporter writer, int index, Random random, bool hasSourceType)
    {
        var client = Clients[index / BucketsPerClient];
        var (unitType, aggregation) = UnitTypes[index % UnitTypes.Count];
        var bucketId = Guid.NewGuid();
        var commit = random.Next(10, 1000) * 10m;
        var unitPrice = random.Next(5, 200) / 100m;
        var basePrice = decimal.Round(commit * unitPrice, 2);
        var overagePrice = decimal.Round(unitPrice * 1.25m, 4);
        var level = 0.6 + random.NextDouble() * 0.8;
        var drift = (random.NextDouble() - 0.5) * 0.04;
        var sourceType = SourceTypes[index % SourceTypes.Length];
        var current = new DateTimeOffset(Year, Month, 1, 0, 0, 0, TimeSpan.Zero);
        for (var back = FinalizedPeriods; back >= 0; back--)
        {
            var start = current.AddMonths(-back);
            var end = start.AddMonths(1);
            var final = back > 0;
            var observedAt = final ? end : ObservedAt;
            var periodLevel = level * (1 + drift * (FinalizedPeriods - back));
            var (usage, daily) = Usage(aggregation, (double)commit * periodLevel, start, observedAt, random);
            await writer.StartRowAsync();
            await writer.WriteAsync(OrgId, NpgsqlDbType.Uuid);
            await writer.WriteAsync(bucketId, NpgsqlDbType.Uuid);
            await writer.WriteAsync(start.Year, NpgsqlDbType.Integer);
            await writer.WriteAsync(start.Month, NpgsqlDbType.Integer);
            await writer.WriteAsync(1L, NpgsqlDbType.Bigint);
            await writer.WriteAsync(client.ClientId, NpgsqlDbType.Uuid);
            await writer.WriteAsync(client.Name, NpgsqlDbType.Text);
            await writer.WriteAsync($"{unitType} {index % BucketsPerClient + 1}", NpgsqlDbType.Text);
            await writer.WriteAsync(unitType, NpgsqlDbType.Text);
            await writer.WriteAsync(aggregation, NpgsqlDbType.Text);
            await writer.WriteAsync(index % DisabledEvery != DisabledEvery - 1, NpgsqlDbType.Boolean);
            await writer.WriteAsync(commit, NpgsqlDbType.Numeric);
            await writer.WriteAsync(basePrice, NpgsqlDbType.Numeric);
            await writer.WriteAsync(overagePrice, NpgsqlDbType.Numeric);
            await writer.WriteAsync(client.Currency, NpgsqlDbType.Text);
            await writer.WriteAsync(start, NpgsqlDbType.TimestampTz);
            await writer.WriteAsync(end, NpgsqlDbType.TimestampTz);
            await writer.WriteAsync(observedAt, NpgsqlDbType.TimestampTz);
            await writer.WriteAsync(usage, NpgsqlDbType.Numeric);
            await writer.WriteAsync(daily, NpgsqlDbType.Array | NpgsqlDbType.Numeric);
            await writer.WriteAsync(final, NpgsqlDbType.Boolean);
            await writer.WriteAsync(back == 0, NpgsqlDbType.Boolean);
            if (hasSourceType)
            {
                if (sourceType is null)
                {
                    await writer.WriteNullAsync();
                }
                else
                {
                    await writer.WriteAsync(sourceType, NpgsqlDbType.Text);
                }
            }
        }
    }

    /// <summary>
    /// The usage up to <paramref name="observedAt"/> and at the end of each whole day before it, for a bucket expected
    /// to end near <paramref name="expected"/> (a sum or count) or to hover around it (a level).
    /// </summary>
    private static (decimal Usage, decimal[] Daily) Usage(string aggregation, double expected, DateTimeOffset start,
        DateTimeOffset observedAt, Random random)
    {
        var daysInMonth = DateTime.DaysInMonth(start.Year, start.Month);
        var elapsedDays = Math.Clamp((observedAt - start).TotalDays, 0, daysInMonth);
        var wholeDays = (int)Math.Floor(elapsedDays);
        var daily = new decimal[wholeDays];
        // A weekday counts 3, a weekend day 1: a month of 22 weekdays and 9 weekend days weighs 75.
        var perWeight = expected / (daysInMonth * 2.4);
        double total = 0, maximum = 0, sum = 0, last = 0;
        var days = (int)Math.Ceiling(elapsedDays);
        for (var day = 0; day < days; day++)
        {
            var share = Math.Min(1, elapsedDays - day);
            var weekend = start.AddDays(day).DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            var noise = 0.8 + random.NextDouble() * 0.4;
            if (aggregation is "sum" or "count")
            {
                total += (weekend ? 1 : 3) * perWeight * noise * share;
            }
            else
            {
                last = expected * noise;
                maximum = Math.Max(maximum, last);
                sum += last;
                total = aggregation switch
                {
                    "max" => maximum,
                    "avg" => sum / (day + 1),
                    _ => last,
                };
            }
            if (day < wholeDays)
            {
                daily[day] = Round(total, aggregation);
            }
        }
        return (Round(total, aggregation), daily);
    }

    /// <summary>Counts are whole; the other figures keep two decimals.</summary>
    private static decimal Round(double value, string aggregation) =>
        decimal.Round((decimal)value, aggregation == "count" ? 0 : 2);
}
