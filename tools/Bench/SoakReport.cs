using System.Globalization;
using System.Text;

namespace BillingOne.Bench;

/// <summary>
/// Writes a soak's figures into docs/reliability.md between <see cref="Start"/> and <see cref="End"/>, keeping the
/// hand-written text around them.
/// </summary>
public static class SoakReport
{
    public const string Start = "<!-- soak:start -->";
    public const string End = "<!-- soak:end -->";

    public static string Render(SoakFigures figures)
    {
        var pace = figures.Pace;
        var windows = figures.Windows;
        var text = new StringBuilder();
        text.AppendLine(FormattableString.Invariant($"Run {figures.RanAt:yyyy-MM-dd HH:mm} UTC on {BenchmarkReport.Machine()}; ") +
            FormattableString.Invariant($"load average (1 min) as the soak started: {figures.LoadAverageAtStart:F1}."));
        text.AppendLine();
        text.AppendLine(figures.Burst is { } burst
            ? FormattableString.Invariant($"**Rate: {pace.ReadingsPerSecond:N0} readings/s**, half of the maximum measured at the start of the run: ") +
                FormattableString.Invariant($"HTTP NDJSON calls of {pace.BatchSize:N0} readings at full speed ({figures.Concurrency} in flight) for a minute ") +
                FormattableString.Invariant($"stored {burst.Readings:N0} readings at **{burst.StoredPerSecond:N0} readings/s** ") +
                FormattableString.Invariant($"(acknowledged at {burst.AckedPerSecond:N0}/s; ") +
                (burst.Errors.Count == 0 ? "no error)." : $"{Describe(burst.Errors)}, each call sent again).")
            : FormattableString.Invariant($"**Rate: {pace.ReadingsPerSecond:N0} readings/s**, as given (`--rate`); no maximum was measured."));
        text.AppendLine();
        text.AppendLine(FormattableString.Invariant($"{figures.Duration.TotalMinutes:F0} minutes: {figures.Calls:N0} calls of {pace.BatchSize:N0} readings, ") +
            FormattableString.Invariant($"HTTP NDJSON and gRPC ({figures.GrpcMessageSize:N0} readings per message) in turn, one due every {pace.Interval.TotalSeconds:F2} s, ") +
            FormattableString.Invariant($"at most {figures.Concurrency} in flight; {figures.Acknowledged:N0} readings acknowledged in {figures.SendingTook.TotalMinutes:F1} min ") +
            FormattableString.Invariant($"({figures.Acknowledged / figures.SendingTook.TotalSeconds:N0}/s); {figures.LateCalls:N0} calls started more than one interval late. ") +
            "Release build, every service, the gateway and private PostgreSQL 15 and RabbitMQ servers on the same machine.");
        text.AppendLine();
        text.AppendLine(FormattableString.Invariant($"Acknowledgement of a {pace.BatchSize:N0}-reading call (its answering attempt, sent to answered), ms: ") +
            $"HTTP NDJSON {Latency(figures.HttpAck)}; gRPC {Latency(figures.GrpcAck)}.");
        text.AppendLine();
        text.AppendLine("Each minute (of samples every 10 s): resident memory in MiB (PSS: shared pages divided among " +
            "the processes sharing them; PostgreSQL and RabbitMQ summed over their processes); messages in " +
            "metering's readings queue; ingestion's unsent outbox rows; readings acknowledged and stored so far, and the " +
            "lag between them.");
        text.AppendLine();
        text.AppendLine("| min | " + string.Join(" | ", SoakSampler.Parts) +
            " | queue | outbox | acknowledged | stored | lag | errors | load |");
        text.AppendLine("|---:|" + string.Concat(SoakSampler.Parts.Select(_ => "---:|")) + "---:|---:|---:|---:|---:|---:|---:|");
        foreach (var sample in EveryMinute(figures.Samples))
        {
            text.AppendLine(FormattableString.Invariant($"| {sample.At.TotalMinutes:F0} | ") +
                string.Join(" | ", SoakSampler.Parts.Select(part => sample.ResidentMiB[part].ToString("F0", CultureInfo.InvariantCulture))) +
                FormattableString.Invariant($" | {Count(sample.QueueDepth)} | {sample.OutboxUnsent:N0} | {sample.Acknowledged:N0} | ") +
                FormattableString.Invariant($"{sample.Stored:N0} | {sample.Lag:N0} | {sample.Errors:N0} | {sample.LoadAverage:F1} |"));
        }
        text.AppendLine();
        text.AppendLine(FormattableString.Invariant($"First window: minutes {windows.WarmUp.TotalMinutes:0.#}–{(windows.WarmUp + windows.Length).TotalMinutes:0.#} ") +
            FormattableString.Invariant($"(after the warm-up); last window: minutes {(windows.Duration - windows.Length).TotalMinutes:0.#}–{windows.Duration.TotalMinutes:0.#}."));
        text.AppendLine();
        text.AppendLine("| measure | first window mean | last window mean | growth | last window max | last sample |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var part in SoakSampler.Parts)
        {
            Row($"{part} memory (PSS), MiB", figures.Memory(part), "MiB");
        }
        Row("metering's queue, messages", figures.QueueDepth, "");
        Row("ingestion's unsent outbox rows", figures.OutboxUnsent, "");
        text.AppendLine();
        text.AppendLine(figures.ErrorCount == 0
            ? "**Errors: none** — every call answered success at the first attempt."
            : FormattableString.Invariant($"**Errors: {figures.ErrorCount:N0}** ({Describe(figures.Errors)}), of which backpressure ") +
                FormattableString.Invariant($"(HTTP 429 or gRPC RESOURCE_EXHAUSTED): {figures.BackpressureCount:N0}; each failed call was sent again.") +
                (figures.AbandonedCalls > 0 ? FormattableString.Invariant($" {figures.AbandonedCalls:N0} calls still failed after every attempt.") : ""));
        text.AppendLine();
        var stored = figures.Stored;
        text.AppendLine((figures.DrainedIn is { } drained
                ? FormattableString.Invariant($"Metering had stored every acknowledged call {drained.TotalSeconds:F1} s after sending ended. ")
                : "Metering had **not** stored every acknowledged call 10 minutes after sending ended. ") +
            FormattableString.Invariant($"raw_readings hold {stored.Rows:N0} rows of the soak, {stored.DistinctReadings:N0} distinct readings, quantities summing to {stored.Sum:N2}, ") +
            FormattableString.Invariant($"for {figures.Acknowledged:N0} acknowledged readings summing to {figures.AcknowledgedSum:N2}: ") +
            (figures.StoredExactlyOnce ? "**every acknowledged reading stored exactly once**." : "**they differ**."));
        text.AppendLine();
        text.AppendLine(FormattableString.Invariant($"A backlog (the queue, the outbox) keeps growing when its last window's mean exceeds its first window's by more than ") +
            FormattableString.Invariant($"the calls of one 10 s sampling interval ({figures.BacklogAllowance:N0} here): ") +
            FormattableString.Invariant($"queue {Verdict(figures.QueueDepth, figures.BacklogAllowance)}, outbox {Verdict(figures.OutboxUnsent, figures.BacklogAllowance)}. ") +
            "Memory is reported, not judged.");
        text.AppendLine();
        text.Append(figures.Passed ? "**Result: passed.**" : $"**Result: failed** — {string.Join("; ", figures.Failures)}.");
        return text.ToString();

        void Row(string measure, SoakGrowth? growth, string unit)
        {
            if (growth is null)
            {
                text.AppendLine($"| {measure} | — | — | — | — | — |");
                return;
            }
            var share = growth.Percent is { } percent ? FormattableString.Invariant($" ({percent:+0.0;-0.0;0.0} %)") : "";
            var change = FormattableString.Invariant($"{growth.Change:+0.0;-0.0;0.0}") + (unit.Length > 0 ? $" {unit}" : "") + share;
            text.AppendLine(FormattableString.Invariant(
                $"| {measure} | {growth.First:F1} | {growth.Last:F1} | {change} | {growth.LastMax:F0} | {growth.Final:F0} |"));
        }
    }

    /// <summary>Replaces the figures between the markers, or appends them with their markers when the file has none.</summary>
    public static string Merge(string? existing, string figures) =>
        MarkedFigures.Merge(existing, Start, End, figures, "# Reliability\n\n## Soak\n\n");

    /// <summary>The sample closest after each whole minute, and the last one.</summary>
    private static IEnumerable<SoakSample> EveryMinute(IReadOnlyList<SoakSample> samples) =>
        samples.Where((sample, index) => (index + 1) % 6 == 0 || index == samples.Count - 1);

    private static string Describe(IReadOnlyDictionary<string, long> errors) => errors.Count == 0
        ? "no error"
        : string.Join(", ", errors.OrderByDescending(error => error.Value)
            .Select(error => FormattableString.Invariant($"{error.Key} ×{error.Value:N0}")));

    private static string Verdict(SoakGrowth? growth, long allowance) =>
        growth is null ? "not measured (the run is too short for two windows)"
        : SoakGrowth.KeepsGrowing(growth, allowance) ? "**keeps growing**"
        : "flat";

    private static string Latency(LatencySummary latency) =>
        FormattableString.Invariant($"p50 {latency.P50:N0}, p95 {latency.P95:N0}, p99 **{latency.P99:N0}**, max {latency.Max:N0}");

    private static string Count(long? value) => value is { } count ? count.ToString("N0", CultureInfo.InvariantCulture) : "?";
}
