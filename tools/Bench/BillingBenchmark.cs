using System.Diagnostics;
using BillingOne.SystemDriver;
using Npgsql;

namespace BillingOne.Bench;

/// <param name="EmptyMonth">The unmeasured warm-up: a run of the month before, which has no readings.</param>
/// <param name="LoadAverage">The machine's 1-minute load average as the measured run started: other work on it shows.</param>
/// <param name="ReadingsBilled">Readings inside the billed periods on billable assets, as the raw statement counted.</param>
public sealed record BillingFigures(
    BillingDataSet Data,
    BillingRunResult EmptyMonth,
    BillingRunResult Run,
    IReadOnlyDictionary<string, double> RunCpuSeconds,
    TimeSpan Baseline,
    IReadOnlyDictionary<string, double> BaselineCpuSeconds,
    double LoadAverage,
    long ReadingsBilled);

/// <summary>
/// The billing scenario: a month of readings in many buckets, billed by a run requested through the gateway, against
/// the same usage computed by one SQL statement; the run's billing readings must agree with that statement exactly.
/// </summary>
public static class BillingBenchmark
{
    /// <summary>Runs the scenario and answers its section of docs/benchmarks.md.</summary>
    public static async Task<string> RunAsync(RunningSystem system, NpgsqlDataSource metering, BenchOptions options)
    {
        Console.WriteLine($"Creating {options.Buckets:N0} buckets and {options.Readings:N0} readings...");
        var data = await BillingDataSet.CreateAsync(system, metering, options.Buckets, options.Readings);
        using var scenario = await BillingRunScenario.StartAsync(system, metering);
        var baseline = new RawUsageBaseline(metering);

        // The month before has no readings: its run goes through every step (the new key's first calls, the
        // statement, pricing and writing a reading per bucket) without reading the month, and the raw statement
        // reads the month into memory once, so neither measurement pays for a first time.
        Console.WriteLine("Warming up (a run of the month before, and the raw statement)...");
        var before = new DateTime(data.Year, data.Month, 1).AddMonths(-1);
        var warmUp = await scenario.RunAsync(data, before.Year, before.Month);
        Console.WriteLine($"  run of the month before: {Phases(warmUp)}");
        await baseline.ComputeAsync(data.OrgId, data.Year, data.Month);

        var loadAverage = MachineLoad.OneMinute();
        Console.WriteLine($"Billing run of {data.Year:D4}-{data.Month:D2}...");
        var (run, runCpu) = await ProcessCpu.MeasureAsync(system.DataDirectory,
            () => scenario.RunAsync(data, data.Year, data.Month));
        Console.WriteLine($"  {Phases(run)}");

        Console.WriteLine("Raw aggregation...");
        var clock = Stopwatch.StartNew();
        var (raw, rawCpu) = await ProcessCpu.MeasureAsync(system.DataDirectory,
            () => baseline.ComputeAsync(data.OrgId, data.Year, data.Month));
        var rawElapsed = clock.Elapsed;
        Console.WriteLine($"  {rawElapsed.TotalSeconds:F1} s");

        Verify(data, run, raw);
        return BenchmarkReport.RenderBilling(
            new BillingFigures(data, warmUp, run, runCpu, rawElapsed, rawCpu, loadAverage, raw.Readings), DateTimeOffset.UtcNow);
    }

    private static string Phases(BillingRunResult run) => FormattableString.Invariant(
        $"{run.Elapsed.TotalSeconds:F1} s: POST {run.Posted.TotalSeconds:F2} s, queued {run.Queued.TotalSeconds:F1} s, ") +
        FormattableString.Invariant(
        $"usage and pricing {run.Computing.TotalSeconds:F1} s, writing {run.Writing.TotalSeconds:F1} s; slowest GET {run.SlowestPoll.TotalSeconds:F2} s");

    /// <summary>One billing reading per bucket, each with exactly the raw statement's usage; anything else fails the bench.</summary>
    private static void Verify(BillingDataSet data, BillingRunResult run, RawUsage raw)
    {
        var problems = new List<string>();
        if (raw.Usage.Count != data.Buckets)
        {
            problems.Add($"the raw statement gave {raw.Usage.Count:N0} buckets' usage, not {data.Buckets:N0}");
        }
        if (run.UsageWritten.Count != data.Buckets)
        {
            problems.Add($"the run wrote {run.UsageWritten.Count:N0} billing readings, not {data.Buckets:N0}");
        }
        var differing = raw.Usage
            .Where(bucket => !run.UsageWritten.TryGetValue(bucket.Key, out var written) || written != bucket.Value)
            .ToList();
        if (differing.Count > 0)
        {
            problems.Add($"{differing.Count:N0} buckets' usage differs from the raw statement's, e.g. " + string.Join("; ",
                differing.Take(5).Select(bucket => $"bucket {bucket.Key}: raw {bucket.Value}, run " +
                    (run.UsageWritten.TryGetValue(bucket.Key, out var written) ? written.ToString() : "none"))));
        }
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The billing run disagrees with the raw aggregation: " +
                string.Join("; ", problems) + ".");
        }
    }
}
