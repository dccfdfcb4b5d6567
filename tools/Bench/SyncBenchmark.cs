using System.Diagnostics;
using Aspire.Hosting.Testing;
using BillingOne.SystemDriver;

namespace BillingOne.Bench;

/// <param name="Pax8Raw">Every Pax8 page straight from the sandbox.</param>
/// <param name="NinjaOneRaw">Every NinjaOne page straight from the sandbox, read alongside the Pax8 pages.</param>
/// <param name="RawElapsed">Both raw reads, side by side as the syncs run.</param>
/// <param name="Full">The first sync of both: every item is new.</param>
/// <param name="Incremental">Both synced again right after: nothing changed.</param>
/// <param name="LoadAverage">The machine's 1-minute load average as the full sync started.</param>
public sealed record SyncFigures(
    RawRead Pax8Raw,
    RawRead NinjaOneRaw,
    TimeSpan RawElapsed,
    IReadOnlyDictionary<string, double> RawCpuSeconds,
    SyncRound Full,
    IReadOnlyDictionary<string, double> FullCpuSeconds,
    SyncRound Incremental,
    double LoadAverage);

/// <summary>
/// The sync scenario: a full Pax8 and RMM sync of the sandbox started together through the gateway, then the same
/// again with nothing changed, against reading every page of the same lists straight from the sandbox.
/// </summary>
public static class SyncBenchmark
{
    /// <summary>A full sync of the sandbox's world on this 2-core machine.</summary>
    public static readonly TimeSpan Target = TimeSpan.FromSeconds(60);

    /// <summary>Runs the scenario and answers its section of docs/benchmarks.md.</summary>
    public static async Task<string> RunAsync(RunningSystem system)
    {
        using var sandbox = new HttpClient { BaseAddress = system.App.GetEndpoint("sandbox", "http") };
        using var gateway = system.CreateGatewayClient();
        var raw = new RawSandboxRead(sandbox);

        // The sandbox answers its first pages slower (JIT, building the pages): the measured read should not pay that.
        Console.WriteLine("Warming up the sandbox (every list read once, unmeasured)...");
        await ReadBothAsync(raw);
        Console.WriteLine("Raw read of every page from the sandbox...");
        var (rawRead, rawCpu) = await ProcessCpu.MeasureAsync(system.DataDirectory, () => ReadBothAsync(raw));
        Console.WriteLine(FormattableString.Invariant($"  {rawRead.Elapsed.TotalSeconds:F2} s"));

        var scenario = new SyncRunScenario(gateway);
        var loadAverage = MachineLoad.OneMinute();
        Console.WriteLine("Full sync (Pax8 and RMM together)...");
        var (full, fullCpu) = await ProcessCpu.MeasureAsync(system.DataDirectory, scenario.RunAsync);
        Console.WriteLine($"  {Describe(full)}");
        Console.WriteLine("Incremental sync (nothing changed)...");
        var incremental = await scenario.RunAsync();
        Console.WriteLine($"  {Describe(incremental)}");

        return BenchmarkReport.RenderSync(new SyncFigures(rawRead.Pax8, rawRead.NinjaOne, rawRead.Elapsed, rawCpu,
            full, fullCpu, incremental, loadAverage), DateTimeOffset.UtcNow);
    }

    /// <summary>Both vendors side by side, as the two syncs read them.</summary>
    private static async Task<(RawRead Pax8, RawRead NinjaOne, TimeSpan Elapsed)> ReadBothAsync(RawSandboxRead raw)
    {
        var clock = Stopwatch.StartNew();
        var pax8 = raw.ReadPax8Async();
        var ninjaOne = raw.ReadNinjaOneAsync();
        return (await pax8, await ninjaOne, clock.Elapsed);
    }

    private static string Describe(SyncRound round) => string.Join("; ", round.Runs.Select(result => result.Run is { } run
        ? FormattableString.Invariant(
            $"{result.Sync.DisplayName} {result.SeenCompleted.TotalSeconds:F1} s ({run.DurationSeconds:F1} s its own), +{run.Added} ~{run.Changed} -{run.Removed}")
        : $"{result.Sync.DisplayName} sync not available"));
}
