using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace BillingOne.Bench;

/// <summary>Each scenario's figures have a section of docs/benchmarks.md of their own.</summary>
public enum ReportSection
{
    Ingest,
    Billing,
    Sync,
    Pages,
    Analytics,
    DefaultRun,
    Browser,
}

/// <summary>
/// Writes the figures into docs/benchmarks.md between the markers of their section, keeping the hand-written analysis
/// around them.
/// </summary>
public static class BenchmarkReport
{
    /// <summary>The ingest scenario's figures.</summary>
    public static string Render(BenchOptions options, IReadOnlyList<ScenarioResult> results, IdleWait drain, WarmUp warmUp,
        DateTimeOffset ranAt)
    {
        var ceiling = results.Single(result => result.StoredIn is null);
        var copy = CpuPerReading.RawCopy(ceiling.CpuSeconds, ceiling.Readings);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Run {ranAt:yyyy-MM-dd HH:mm} UTC on {Machine()}.");
        text.AppendLine();
        text.AppendLine(FormattableString.Invariant(
            $"{options.Readings:N0} readings per scenario, {options.BatchSize:N0} per call, {options.Concurrency} calls in flight; gRPC streams {options.GrpcMessageSize:N0} readings per message; ") +
            FormattableString.Invariant($"the raw COPY writes {ceiling.Readings:N0} rows in the same batches. ") +
            "Release build, every service, the gateway and private PostgreSQL 15 and RabbitMQ servers on the same machine.");
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
        text.AppendLine("| scenario | readings stored | CPU s counted | **CPU µs per stored reading** | **× raw COPY's CPU per row** | stored/s ÷ COPY rows/s |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var result in results.Where(result => result.StoredPerSecond is not null))
        {
            var cost = CpuPerReading.WholeSystem(result.CpuSeconds, result.Readings);
            text.AppendLine(FormattableString.Invariant(
                $"| {result.Name} (whole system) | {result.Readings:N0} | {cost.CpuSeconds:F1} | **{cost.MicrosecondsPerReading:F1}** | **{cost.MultipleOf(copy):F2}×** | {Percent(result.StoredPerSecond!.Value / ceiling.AckedPerSecond)} |"));
        }
        text.AppendLine(FormattableString.Invariant(
            $"| {ceiling.Name} ({string.Join(" + ", CpuPerReading.RawCopyParts)}) | {ceiling.Readings:N0} | {copy.CpuSeconds:F1} | **{copy.MicrosecondsPerReading:F1}** | 1.00× | 100% |"));
        text.AppendLine();
        text.AppendLine("Targets (issue #35): whole-system CPU per stored reading ≤ 2.5× raw COPY's CPU per row over gRPC, ≤ 3.5× over HTTP NDJSON. " +
            (drain.Idle
                ? FormattableString.Invariant($"Before the COPY the system had drained: every reading stored and ingestion and metering idle (under 5% of a core over 2 s) {drain.Waited.TotalSeconds:F0} s after the last scenario.")
                : FormattableString.Invariant($"**The COPY baseline is not clean**: ingestion and metering were still busy {drain.Waited.TotalSeconds:F0} s after the last scenario; see their CPU in the COPY's column.")));
        text.AppendLine();
        text.AppendLine(FormattableString.Invariant(
            $"Measured in the steady state: before them, rounds of {warmUp.ReadingsPerPath:N0} readings a path until a round's whole-system CPU per reading was within 15% of the one before (rounds of the same code differ by about that here) and the runtime's background JIT used at most 2% of it (at most 10 rounds), and not before the system had run 7 minutes (the code the health probes run is compiled optimized in bursts until about 5.5 minutes after the start, in every service at once); the warm-up ended {warmUp.Uptime.TotalMinutes:F1} minutes after the start; ") +
            "the rounds cost " + string.Join(", ", warmUp.Rounds.Select(round => FormattableString.Invariant($"{round.MicrosecondsPerReading:F1} ({round.JitShare:P0} JIT)"))) +
            " µs a reading. Each measurement starts with its tables vacuumed and analyzed, and a checkpoint. Of the measurements, the runtime's background JIT (its tiered-compilation threads, in every process) used " +
            string.Join(", ", results.Select(result => FormattableString.Invariant($"{result.JitSeconds:F2} CPU-s ({result.Name})"))) + ". " +
            "PostgreSQL's write-ahead log during each: " +
            string.Join(", ", results.Where(result => result.Wal is not null).Select(result => FormattableString.Invariant(
                $"{result.Wal!.Bytes / (double)result.Readings:F0} bytes a reading with {result.Wal.FullPageImages:N0} whole pages, checkpoints started: {result.Wal.Checkpoints} ({result.Name})"))) + ".");
        text.AppendLine();
        AppendCpu(text, [.. results.Select(result => (result.Name, result.CpuSeconds))]);
        text.AppendLine();
        text.Append("Acknowledged: first call sent → last answer (every reading durably accepted by ingestion). Stored: " +
            "first call sent → metering has every reading in raw_readings. Latency is per call (one batch). CPU per stored reading: " +
            "every process of the table during the scenario ÷ its readings; the COPY counts PostgreSQL and the benchmark (its client) only.");
        return text.ToString();
    }

    /// <summary>The default-run scenario's figures: the default run's rates beside the benchmark system's.</summary>
    public static string RenderDefaultRun(DefaultRunFigures figures, DateTimeOffset ranAt)
    {
        var options = figures.Options;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Run {ranAt:yyyy-MM-dd HH:mm} UTC on {Machine()}; load average (1 min) as the run started: {figures.LoadAverage:F1}.");
        text.AppendLine();
        text.AppendLine(FormattableString.Invariant(
            $"{options.Readings:N0} readings per scenario, {options.BatchSize:N0} per call, {options.Concurrency} calls in flight; gRPC streams {options.GrpcMessageSize:N0} readings per message; ") +
            $"{figures.BuildConfiguration} build (the configuration scripts/run.sh builds). **Bench system**: as the other " +
            "scenarios start it (no dashboard, no demo data). **Default run**: as scripts/run.sh starts it (the Aspire dashboard " +
            "receiving every service's telemetry, the demo data seeded and finished, the sandbox's vendor world moving every 10 minutes).");
        text.AppendLine();
        text.AppendLine("| scenario | bench system acknowledged/s | default run acknowledged/s | default run ÷ bench | bench system stored/s | default run stored/s | default run ack p99 ms |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (bench, defaultRun) in figures.Bench.Zip(figures.DefaultRun))
        {
            text.AppendLine(FormattableString.Invariant(
                $"| {bench.Name} | {Whole(bench.AckedPerSecond)} | {Whole(defaultRun.AckedPerSecond)} | **{Percent(defaultRun.AckedPerSecond / bench.AckedPerSecond)}** | {Whole(bench.StoredPerSecond ?? 0)} | {Whole(defaultRun.StoredPerSecond ?? 0)} | {defaultRun.Latency.P99:F0} |"));
        }
        text.AppendLine();
        AppendCpu(text, [
            .. figures.Bench.Select(result => ($"{result.Name} (bench system)", result.CpuSeconds)),
            .. figures.DefaultRun.Select(result => ($"{result.Name} (default run)", result.CpuSeconds)),
        ]);
        return text.ToString().TrimEnd();
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

    /// <summary>The sync scenario's figures; a sync the build does not offer yet is reported as not available.</summary>
    public static string RenderSync(SyncFigures figures, DateTimeOffset ranAt)
    {
        var full = figures.Full.Runs;
        var incremental = figures.Incremental.Runs;
        RawRead[] raw = [figures.Pax8Raw, figures.NinjaOneRaw];
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Run {ranAt:yyyy-MM-dd HH:mm} UTC on {Machine()}; load average (1 min) as the full sync started: {figures.LoadAverage:F1}.");
        text.AppendLine();
        text.AppendLine("The sandbox's default world: " + string.Join("; ", full.Select(result => result.Run is { } run
            ? $"{result.Sync.DisplayName} {Kinds(run)}"
            : $"{result.Sync.DisplayName}: **sync not available** in this build (its start answered 404)")) + ". " +
            "Release build, every service, the gateway, the sandbox and private PostgreSQL 15 and RabbitMQ servers on the same machine.");
        text.AppendLine();
        text.AppendLine("| measure | " + string.Join(" | ", full.Select(result => result.Sync.DisplayName)) + " |");
        text.AppendLine("|---|" + string.Concat(full.Select(_ => "---:|")));
        // The organization has no vendor data before the full sync: every item it syncs is one it adds.
        Row("items synced (full sync: all added)", full, result => Whole(result.Run!.Added));
        Row("full sync: both POSTs → a GET shows the run completed, s", full, result => Seconds(result.SeenCompleted));
        Row("full sync: the run's own duration (`durationSeconds`), s", full, result => Seconds(result.Run!.DurationSeconds));
        Row("**full sync: items/s** (items ÷ own duration)", full, result => result.Run!.DurationSeconds is { } seconds
            ? $"**{Whole(result.Run.Added / seconds)}**"
            : "—");
        Row("full sync: added / changed / removed", full, result => Counts(result.Run!));
        text.AppendLine("| raw read: GET every page straight from the sandbox (pages), s | " + string.Join(" | ",
            raw.Select(read => FormattableString.Invariant($"{read.Elapsed.TotalSeconds:F2} ({read.Pages} pages, {read.Items:N0} items)"))) + " |");
        text.AppendLine("| **full sync (own duration) / raw read** | " + string.Join(" | ", full.Zip(raw, (result, read) =>
            result.Run is { DurationSeconds: { } seconds } ? FormattableString.Invariant($"**{seconds / read.Elapsed.TotalSeconds:F1}×**") : "—")) + " |");
        Row("incremental sync right after: both POSTs → completed, s", incremental, result => Seconds(result.SeenCompleted));
        Row("incremental sync: the run's own duration, s", incremental, result => Seconds(result.Run!.DurationSeconds));
        Row("incremental sync: added / changed / removed", incremental, result => Counts(result.Run!));
        text.AppendLine();
        var available = full.Where(result => result.Available).Select(result => result.Sync.DisplayName).ToList();
        var missing = full.Where(result => !result.Available).Select(result => result.Sync.DisplayName).ToList();
        var met = figures.Full.Elapsed <= SyncBenchmark.Target;
        text.AppendLine(FormattableString.Invariant(
            $"**Sync All, full: {figures.Full.Elapsed.TotalSeconds:F1} s** from the first POST until both runs were seen completed ") +
            FormattableString.Invariant(
            $"(incremental: {figures.Incremental.Elapsed.TotalSeconds:F1} s); the raw read of both vendors side by side took {figures.RawElapsed.TotalSeconds:F2} s. ") +
            FormattableString.Invariant($"**Target** (a full sync under {SyncBenchmark.Target.TotalSeconds:F0} s): ") +
            (missing.Count == 0
                ? met ? "**met**." : "**not met**."
                : $"{(met ? "met" : "not met")} for {string.Join(" and ", available)} alone; **not measured for {string.Join(" and ", missing)}**, whose sync is not available in this build."));
        text.AppendLine();
        AppendCpu(text, [("raw read", figures.RawCpuSeconds), ("full sync", figures.FullCpuSeconds)]);
        text.AppendLine();
        text.Append("The raw read runs first, after an unmeasured read that warms the sandbox up; it fetches a token per vendor, " +
            "then every page with the connectors' page sizes (Pax8 200, NinjaOne 1,000), parsing only what paging needs. " +
            "The full sync is the system's first (its services' sync code runs for the first time); runs are polled every 100 ms.");
        return text.ToString();

        void Row(string measure, IReadOnlyList<SyncRunResult> runs, Func<SyncRunResult, string> cell) =>
            text.AppendLine($"| {measure} | " + string.Join(" | ", runs.Select(result =>
                result.Available ? cell(result) : "not available")) + " |");
    }

    /// <summary>The pages scenario's figures: each page call's latencies through the gateway against straight.</summary>
    public static string RenderPages(PagesFigures figures, DateTimeOffset ranAt)
    {
        var data = figures.Data;
        var text = new StringBuilder();
        text.AppendLine(FormattableString.Invariant($"Run {ranAt:yyyy-MM-dd HH:mm} UTC on {Machine()}; load average (1 min) ") +
            FormattableString.Invariant(
            $"{figures.LoadAverageBefore:F1} as the measured calls started, {figures.LoadAverageAfter:F1} as they ended."));
        text.AppendLine();
        text.AppendLine(FormattableString.Invariant(
            $"Data reached through the gateway: {data.Clients:N0} clients; Pax8 {data.Pax8CompaniesMapped:N0} of {data.Pax8Companies:N0} companies ") +
            FormattableString.Invariant(
            $"and RMM {data.RmmOrganizationsMapped:N0} of {data.RmmOrganizations:N0} organizations mapped; {data.Devices:N0} devices listed by the RMM ") +
            FormattableString.Invariant(
            $"({data.DevicesOfClients:N0} in the latest snapshot counted for mapped clients); {data.Subscriptions:N0} subscriptions ") +
            FormattableString.Invariant(
            $"({data.ActiveSubscriptionsInDashboard:N0} active ones of clients on the dashboard); {data.Reconciled.Count:N0} clients reconciled: ") +
            FormattableString.Invariant(
            $"{data.StatusCount("under-licensed")} under-licensed, {data.StatusCount("over-licensed")} over-licensed, ") +
            FormattableString.Invariant(
            $"{data.StatusCount("matched")} matched, {data.StatusCount("no-data")} no data; {data.MissedBillingOpen:N0} open missed-billing opportunities. ") +
            FormattableString.Invariant(
            $"Reconciliation and the projection had caught up {data.CaughtUpAfter.TotalSeconds:F0} s after Snapshot Now was started. ") +
            "Release build, every service, the gateway, the sandbox and private PostgreSQL 15 and RabbitMQ servers on the same machine.");
        text.AppendLine();
        text.AppendLine("| page | request | gateway p50 ms | **gateway p95 ms** | gateway max ms | direct p95 ms | gateway / direct (p95) | p95 < 300 ms |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|---|");
        foreach (var row in figures.Rows)
        {
            text.AppendLine(FormattableString.Invariant(
                $"| {row.Call.Page} | {row.Call.Request} | {row.Gateway.P50:F0} | **{row.Gateway.P95:F0}** | {row.Gateway.Max:F0} | {row.Direct.P95:F0} | {row.Ratio:F1}× | {(row.MeetsTarget ? "yes" : "**no**")} |"));
        }
        text.AppendLine();
        var over = figures.Rows.Where(row => !row.MeetsTarget).ToList();
        text.AppendLine(FormattableString.Invariant($"**Target** (every page call under {PagesBenchmark.TargetP95Milliseconds:F0} ms at p95 through the gateway): ") +
            (over.Count == 0
                ? "**met** by every call."
                : $"**not met** by {string.Join("; ", over.Select(row => $"{row.Call.Page} {row.Call.Request}"))}."));
        text.AppendLine();
        AppendCpu(text, [("measured calls, both paths", figures.CpuSeconds)]);
        text.AppendLine();
        text.Append(FormattableString.Invariant($"Each request: {figures.CallsPerRequest} calls through the gateway and {figures.CallsPerRequest} straight, ") +
            "in turn and one at a time, each read to the end of its body, after unmeasured warm-up calls on both paths. Through the gateway with an admin API key of the request's own " +
            "(the gateway allows a key 600 requests a minute); straight: the same request to the owning service's own endpoint " +
            "with an internal token such as the gateway forwards for an admin key (signed with the run's key). Calls for a client, and searches (a client name's first letters), go round the clients.");
        return text.ToString();
    }

    /// <summary>The analytics scenario's figures.</summary>
    public static string RenderAnalytics(AnalyticsFigures figures, DateTimeOffset ranAt)
    {
        var data = figures.Data;
        var text = new StringBuilder();
        text.AppendLine(FormattableString.Invariant($"Run {ranAt:yyyy-MM-dd HH:mm} UTC on {Machine()}; load average (1 min) ") +
            FormattableString.Invariant(
            $"{figures.LoadAverageBefore:F1} as the measured calls started, {figures.LoadAverageAfter:F1} as they ended."));
        text.AppendLine();
        text.AppendLine(FormattableString.Invariant(
            $"Data: {data.Buckets:N0} buckets of {data.Clients.Count:N0} clients ({data.Clients.Count(client => client.Currency == "USD"):N0} billing in USD, ") +
            FormattableString.Invariant(
            $"{data.Clients.Count(client => client.Currency == "EUR"):N0} in EUR), {AnalyticsDataSet.UnitTypes.Count} unit types over 5 aggregations, ") +
            FormattableString.Invariant(
            $"{AnalyticsDataSet.FinalizedPeriods} finalized months and the current one ({data.Year:D4}-{data.Month:D2}, observed on day {data.ObservedAt.Day}): ") +
            FormattableString.Invariant(
            $"{data.Rows:N0} rows written straight into the projection in {data.LoadedIn.TotalSeconds:F1} s. ") +
            "Release build, every service, the gateway and private PostgreSQL 15 and RabbitMQ servers on the same machine.");
        text.AppendLine();
        text.AppendLine("| recalculation of every projection | through the gateway s | in the service s | projected | backtest periods computed | < 10 s |");
        text.AppendLine("|---|---:|---:|---:|---:|---|");
        for (var index = 0; index < figures.Recalculations.Count; index++)
        {
            var run = figures.Recalculations[index];
            var name = index == 0 ? "first (computes the seeded periods' backtest errors)" : $"again ({index + 1}), as the hourly pass";
            text.AppendLine(FormattableString.Invariant(
                $"| {name} | {run.Elapsed.TotalSeconds:F2} | {run.ServiceMilliseconds / 1000.0:F2} | {run.Projected:N0} | {run.BacktestPeriodsComputed:N0} | {(run.Elapsed.TotalSeconds < AnalyticsBenchmark.TargetRecalculationSeconds ? "yes" : "**no**")} |"));
        }
        text.AppendLine();
        text.AppendLine("| page | request | gateway p50 ms | **gateway p95 ms** | gateway max ms | direct p95 ms | gateway / direct (p95) | p95 < 300 ms |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|---|");
        foreach (var row in figures.Rows)
        {
            text.AppendLine(FormattableString.Invariant(
                $"| {row.Call.Page} | {row.Call.Request} | {row.Gateway.P50:F0} | **{row.Gateway.P95:F0}** | {row.Gateway.Max:F0} | {row.Direct.P95:F0} | {row.Ratio:F1}× | {(row.MeetsTarget ? "yes" : "**no**")} |"));
        }
        foreach (var call in figures.Missing)
        {
            text.AppendLine($"| {call.Page} | {call.Request} | — | — | — | — | — | not on this build (404) |");
        }
        text.AppendLine();
        var over = figures.Rows.Where(row => !row.MeetsTarget).ToList();
        text.AppendLine(FormattableString.Invariant($"**Target** (every page call under {PagesBenchmark.TargetP95Milliseconds:F0} ms at p95 through the gateway): ") +
            (over.Count == 0
                ? "**met** by every call timed"
                : $"**not met** by {string.Join("; ", over.Select(row => $"{row.Call.Page} {row.Call.Request}"))}") +
            (figures.Missing.Count == 0 ? "." : FormattableString.Invariant($"; {figures.Missing.Count} calls not on this build.")));
        text.AppendLine();
        AppendCpu(text, [("measured calls, both paths", figures.CpuSeconds)]);
        text.AppendLine();
        text.Append(FormattableString.Invariant($"Each request: {figures.CallsPerRequest} calls through the gateway and {figures.CallsPerRequest} straight, ") +
            "in turn and one at a time, each read to the end of its body, after unmeasured warm-up calls on both paths, as in the pages scenario. " +
            "Recalculations: `POST /api/projection/usage-projections/recalculate` through the gateway with an admin API key, one after the other.");
        return text.ToString();
    }

    /// <summary>"292 companies, 14 products, …": what a full run added, by kind.</summary>
    private static string Kinds(SyncRunState run) => run.Breakdown is { Count: > 0 } kinds
        ? string.Join(", ", kinds.Select(kind => $"{Whole(kind.Value.Added)} {kind.Key}"))
        : $"{Whole(run.Added)} items";

    private static string Counts(SyncRunState run) =>
        FormattableString.Invariant($"{run.Added:N0} / {run.Changed:N0} / {run.Removed:N0}");

    private static string Seconds(TimeSpan elapsed) => Seconds(elapsed.TotalSeconds);

    private static string Seconds(double? seconds) =>
        seconds is { } value ? value.ToString("F1", CultureInfo.InvariantCulture) : "—";

    /// <summary>CPU seconds per part and measurement: where the two cores went.</summary>
    internal static void AppendCpu(StringBuilder text,
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
        return MarkedFigures.Merge(existing, $"<!-- bench:{name}:start -->", $"<!-- bench:{name}:end -->", figures,
            "# Benchmarks\n\nRun with `bash scripts/bench.sh`.\n\n");
    }

    /// <summary>Cores, processor, memory, OS and .NET of the machine the figures come from.</summary>
    internal static string Machine()
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
