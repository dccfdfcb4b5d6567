using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace BillingOne.Bench;

/// <summary>
/// Writes the figures into docs/benchmarks.md between the results markers, keeping the hand-written analysis around
/// them.
/// </summary>
public static class BenchmarkReport
{
    private const string Start = "<!-- bench:results:start -->";
    private const string End = "<!-- bench:results:end -->";

    public static string Render(BenchOptions options, IReadOnlyList<ScenarioResult> results, DateTimeOffset ranAt)
    {
        var ceiling = results.Single(result => result.StoredIn is null);
        var text = new StringBuilder();
        text.AppendLine(Start);
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
        AppendCpu(text, results);
        text.AppendLine();
        text.AppendLine("Acknowledged: first call sent → last answer (every reading durably accepted by ingestion). Stored: " +
            "first call sent → metering has every reading in raw_readings. Latency is per call (one batch).");
        text.Append(End);
        return text.ToString();
    }

    /// <summary>CPU seconds per part and scenario: where the two cores went.</summary>
    private static void AppendCpu(StringBuilder text, IReadOnlyList<ScenarioResult> results)
    {
        var parts = results.SelectMany(result => result.CpuSeconds)
            .GroupBy(entry => entry.Key)
            .Select(group => (Part: group.Key, Total: group.Sum(entry => entry.Value)))
            .Where(part => part.Total >= 0.05)
            .OrderByDescending(part => part.Total)
            .Select(part => part.Part)
            .ToList();
        text.AppendLine("CPU seconds used during each scenario, by process (PostgreSQL and RabbitMQ include all their processes):");
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

    /// <summary>Replaces the results between the markers, or appends them when the file has none yet.</summary>
    public static string Merge(string? existing, string results)
    {
        if (existing is null)
        {
            return "# Benchmarks\n\nRun with `bash scripts/bench.sh`.\n\n" + results + "\n";
        }
        var start = existing.IndexOf(Start, StringComparison.Ordinal);
        var end = existing.IndexOf(End, StringComparison.Ordinal);
        return start >= 0 && end > start
            ? existing[..start] + results + existing[(end + End.Length)..]
            : existing.TrimEnd() + "\n\n" + results + "\n";
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
