using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace BillingOne.Bench;

/// <summary>Each scenario's figures have a section of docs/benchmarks.md of their own.</summary>
public enum ReportSection
{
    Ingest,
    Billing,
}

/// <summary>
/// Writes the figures into docs/benchmarks.md between the markers of their section, keeping the hand-written analysis
/// around them.
/// </summary>
public static class BenchmarkReport
{
    /// <summary>The ingest scenario's figures.</summary>
    public static string Render(BenchOptions options, IReadOnlyList<ScenarioResult> results, DateTimeOffset ranAt)
    {
        var ceiling = results.Single(result => result.StoredIn is null);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Run {ranAt:yyyy-MM-dd HH:mm} UTC on {Machine()}.");
        text.AppendLine();
        text.AppendLine(FormattableString.Invariant(
            $"{options.Readings:N0} readings per scenario, {options.BatchSize:N0} per call, {options.Concurrency} calls in flight; gRPC streams {options.GrpcMessageSize:N0} readings per message.") +
            " Release build, every service, the gateway and private PostgreSQL 15 and RabbitMQ servers on the same machine.");
        text.AppendLine();
        text.AppendLine("| scenario | acknowledged readings/s | stored readings/s | % of raw COPY (stored) | ack p50 ms | ack p99 ms | ack max ms |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var result in results)
        {
            var stored = result.StoredPerSecond is { } perSecond ? Whole(perSecond) : "—";
            var share = result.StoredPerSecond is { } s ? Percent(s / ceiling.AckedPerSecond) : "100%";
            text.AppendLine(FormattableString.Invariant(
                $"| {result.Name} | {Whole(result.AckedPerSecond)} | {stored} | {share} | {result.Latency.P50:F0} | {result.Latency.P99:F0} | {result.Latency.Max:F0} |"));
        }
        text.AppendLine();
        AppendCpu(text, [.. results.Select(result => (result.Name, result.CpuSeconds))]);
        text.AppendLine();
        text.Append("Acknowledged: first call sent → last answer (every reading durably accepted by ingestion). Stored: " +
            "first call sent → metering has every reading in raw_readings. Latency is per call (one batch).");
        return text.ToString();
    }

    /// <summary>The billing scenario's figures.</summary>
    public static string RenderBilling(BillingFigures figures, DateTimeOffset ranAt)
    {
        var data = figures.Data;
        var run = figures.Run;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Run {ranAt:yyyy-MM-dd HH:mm} UTC on {Machine()}; load average (1 min) as the run started: {figures.LoadAverage:F1}.");
        text.AppendLine();
        text.AppendLine(FormattableString.Invariant(
            $"{data.Readings:N0} readings of {data.Year:D4}-{data.Month:D2} in {data.Buckets:N0} buckets: {data.Clients:N0} clients ") +
            FormattableString.Invariant(
            $"of {BillingDataSet.BucketsPerClient} buckets in {BillingDataSet.TimeZones.Count} time zones ({string.Join(", ", BillingDataSet.TimeZones)}), ") +
            FormattableString.Invariant(
            $"{BillingDataSet.AssetsPerBucket} bound assets per bucket ({data.Assets:N0} assets, 1 in {BillingDataSet.DisregardedEvery} disregarded), ") +
            $"one unit type per aggregation ({string.Join(", ", BillingDataSet.UnitTypes.Select(unitType => unitType.Aggregation))}) " +
            FormattableString.Invariant(
            $"with a fifth of the buckets each; {figures.ReadingsBilled:N0} readings are billed (the rest are the disregarded assets'). ") +
            "Release build, every service, the gateway and private PostgreSQL 15 and RabbitMQ servers on the same machine.");
        text.AppendLine();
        text.AppendLine("| measure | seconds |");
        text.AppendLine("|---|---:|");
        text.AppendLine(FormattableString.Invariant(
            $"| billing run through the gateway: POST → GET shows it completed | {run.Elapsed.TotalSeconds:F1} |"));
        text.AppendLine(FormattableString.Invariant(
            $"| — queued: requested → claimed by the worker (it polls every second) | {run.Queued.TotalSeconds:F1} |"));
        text.AppendLine(FormattableString.Invariant(
            $"| — usage and pricing: claimed → the run's finished time, stamped before it writes | {run.Computing.TotalSeconds:F1} |"));
        text.AppendLine(FormattableString.Invariant(
            $"| — writing the billing readings and committing: → completion seen (within 0.1 s) | {run.Writing.TotalSeconds:F1} |"));
        text.AppendLine(FormattableString.Invariant(
            $"| raw aggregation: the same usage in one SQL statement, no service | {figures.Baseline.TotalSeconds:F1} |"));
        text.AppendLine(FormattableString.Invariant(
            $"| for comparison, the warm-up's run of the month before (no readings): usage and pricing / writing | {figures.EmptyMonth.Computing.TotalSeconds:F1} / {figures.EmptyMonth.Writing.TotalSeconds:F1} |"));
        text.AppendLine(FormattableString.Invariant(
            $"| **run / raw aggregation** | **{run.Elapsed / figures.Baseline:F2}×** |"));
        text.AppendLine();
        text.AppendLine(FormattableString.Invariant(
            $"The run wrote {run.UsageWritten.Count:N0} billing readings; the usage of every one equals the raw aggregation's. ") +
            FormattableString.Invariant(
            $"The POST answered in {run.Posted.TotalSeconds:F2} s; the slowest GET of the run's state took {run.SlowestPoll.TotalSeconds:F2} s."));
        text.AppendLine();
        AppendCpu(text, [("billing run", figures.RunCpuSeconds), ("raw aggregation", figures.BaselineCpuSeconds)]);
        text.AppendLine();
        text.Append("Before the measured pair come a run of the month before (no readings) and the raw statement once, " +
            "unmeasured: neither measurement pays for first calls or for reading the month from disk.");
        return text.ToString();
    }

    /// <summary>CPU seconds per part and measurement: where the two cores went.</summary>
    private static void AppendCpu(StringBuilder text,
        IReadOnlyList<(string Name, IReadOnlyDictionary<string, double> CpuSeconds)> results)
    {
        var parts = results.SelectMany(result => result.CpuSeconds)
            .GroupBy(entry => entry.Key)
            .Select(group => (Part: group.Key, Total: group.Sum(entry => entry.Value)))
            .Where(part => part.Total >= 0.05)
            .OrderByDescending(part => part.Total)
            .Select(part => part.Part)
            .ToList();
        text.AppendLine("CPU seconds used during each measurement, by process (PostgreSQL and RabbitMQ include all their processes):");
        text.AppendLine();
        text.AppendLine("| part | " + string.Join(" | ", results.Select(result => result.Name)) + " |");
        text.AppendLine("|---|" + string.Concat(results.Select(_ => "---:|")));
        foreach (var part in parts.Append("total"))
        {
            var cells = results.Select(result => part == "total"
                ? result.CpuSeconds.Values.Sum()
                : result.CpuSeconds.GetValueOrDefault(part));
            text.AppendLine($"| {part} | " + string.Join(" | ", cells.Select(seconds => seconds.ToString("F1", CultureInfo.InvariantCulture))) + " |");
        }
    }

    /// <summary>
    /// Replaces the section's figures between its markers, or appends them with their markers when the file has none
    /// yet.
    /// </summary>
    public static string Merge(string? existing, ReportSection section, string figures)
    {
        var name = section.ToString().ToLowerInvariant();
        var start = $"<!-- bench:{name}:start -->";
        var end = $"<!-- bench:{name}:end -->";
        var marked = $"{start}\n{figures}\n{end}";
        if (existing is null)
        {
            return "# Benchmarks\n\nRun with `bash scripts/bench.sh`.\n\n" + marked + "\n";
        }
        var from = existing.IndexOf(start, StringComparison.Ordinal);
        var to = existing.IndexOf(end, StringComparison.Ordinal);
        return from >= 0 && to > from
            ? existing[..from] + marked + existing[(to + end.Length)..]
            : existing.TrimEnd() + "\n\n" + marked + "\n";
    }

    private static string Machine()
    {
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal))
                ?.Split(':', 2)[1].Trim()
            : null;
        var model = cpu is null ? "" : $" ({cpu})";
        return FormattableString.Invariant(
            $"{Environment.ProcessorCount} cores{model}, {memory:F0} GiB memory, {RuntimeInformation.OSDescription}, .NET {Environment.Version}");
    }

    private static string Whole(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Percent(double share) => share.ToString("P0", CultureInfo.InvariantCulture);
}
