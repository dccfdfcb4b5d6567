using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Npgsql;

namespace BillingOne.Bench;

/// <summary>One look at the system during a soak, <see cref="At"/> after sending started.</summary>
/// <param name="ResidentMiB">Resident memory (PSS) per part, summed over the part's processes.</param>
/// <param name="QueueDepth">Messages in metering's readings queue (ready and unacknowledged); null when the broker's
/// management API did not answer.</param>
/// <param name="OutboxUnsent">Ingestion's outbox rows the relay has not published yet.</param>
public sealed record SoakSample(
    TimeSpan At,
    IReadOnlyDictionary<string, double> ResidentMiB,
    long? QueueDepth,
    long OutboxUnsent,
    long Acknowledged,
    long Stored,
    long Errors,
    double LoadAverage)
{
    /// <summary>Readings acknowledged to the sender and not yet stored by metering.</summary>
    public long Lag => Acknowledged - Stored;
}

/// <summary>
/// Every <see cref="Interval"/> during a soak: the resident memory of the parts that carry the readings (by process
/// as <see cref="ProcessCpu"/> assigns them), the depth of metering's readings queue from the RabbitMQ management API,
/// ingestion's unsent outbox rows, and how far storing trails acknowledging.
/// </summary>
public sealed class SoakSampler(
    string dataDirectory, HttpClient management, NpgsqlDataSource ingestion, StoredProbes probes, SoakCalls calls)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    public static readonly IReadOnlyList<string> Parts = ["ingestion", "metering", "gateway", "postgresql", "rabbitmq"];

    /// <summary>The queue metering's consumer of <c>UsageReadingsAccepted</c> reads, on the default virtual host.</summary>
    private const string MeteringQueuePath = "api/queues/%2F/metering-usage-readings-accepted";

    /// <summary>Samples every <see cref="Interval"/> of <paramref name="clock"/> until <paramref name="stop"/>.</summary>
    public async Task<IReadOnlyList<SoakSample>> RunAsync(Stopwatch clock, CancellationToken stop)
    {
        var samples = new List<SoakSample>();
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var sampling = Stopwatch.StartNew();
                var sample = await SampleAsync(clock.Elapsed);
                samples.Add(sample);
                if (samples.Count % 6 == 0)
                {
                    // How long the sample took shows whether sampling itself loads the system.
                    Console.WriteLine(FormattableString.Invariant(
                        $"  {sample.At:mm\\:ss}  acknowledged {sample.Acknowledged:N0}, stored {sample.Stored:N0}, ") +
                        FormattableString.Invariant(
                        $"queue {sample.QueueDepth?.ToString(CultureInfo.InvariantCulture) ?? "?"}, outbox {sample.OutboxUnsent}, ") +
                        FormattableString.Invariant($"errors {sample.Errors} (sampled in {sampling.ElapsedMilliseconds} ms)"));
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Sending has ended.
        }
        return samples;
    }

    private async Task<SoakSample> SampleAsync(TimeSpan at)
    {
        var resident = ResidentMiB();
        var queueDepth = await QueueDepthAsync();
        var outboxUnsent = await OutboxUnsentAsync();
        // Acknowledged before stored: a call acknowledged in between would otherwise show as stored but not sent.
        var acknowledged = calls.Acknowledged;
        var stored = await probes.RefreshAsync();
        return new SoakSample(at, resident, queueDepth, outboxUnsent, acknowledged, stored, calls.ErrorCount,
            MachineLoad.OneMinute());
    }

    private IReadOnlyDictionary<string, double> ResidentMiB()
    {
        var totals = Parts.ToDictionary(part => part, _ => 0.0, StringComparer.Ordinal);
        foreach (var (pid, part) in ProcessCpu.Parts(dataDirectory))
        {
            if (totals.ContainsKey(part))
            {
                totals[part] += ResidentBytes(pid) / (1024.0 * 1024);
            }
        }
        return totals;
    }

    /// <summary>
    /// The process's proportional set size (/proc/&lt;pid&gt;/smaps_rollup): its resident memory with each shared page
    /// divided among the processes sharing it, so PostgreSQL's backends together count its shared buffers once.
    /// </summary>
    private static long ResidentBytes(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/smaps_rollup"))
            {
                if (line.StartsWith("Pss:", StringComparison.Ordinal))
                {
                    var kib = line["Pss:".Length..].Trim().Split(' ')[0];
                    return long.Parse(kib, CultureInfo.InvariantCulture) * 1024;
                }
            }
            return 0;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return 0; // The process ended while being read.
        }
    }

    private async Task<long?> QueueDepthAsync()
    {
        try
        {
            using var queue = JsonDocument.Parse(await management.GetStringAsync(MeteringQueuePath));
            // The management API's figures are refreshed every 5 s; a queue it has not measured yet has none.
            return queue.RootElement.TryGetProperty("messages", out var messages) ? messages.GetInt64() : 0;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    private async Task<long> OutboxUnsentAsync()
    {
        await using var command = ingestion.CreateCommand("SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
