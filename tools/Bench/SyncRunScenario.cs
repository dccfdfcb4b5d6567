using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace BillingOne.Bench;

/// <summary>A vendor sync as the bench starts it: the service's integrations path and the integration's name.</summary>
public sealed record BenchSync(string DisplayName, string IntegrationsPath, string Integration)
{
    public static readonly BenchSync Pax8 = new("Pax8", "/api/subscription/integrations", "pax8");
    public static readonly BenchSync Rmm = new("RMM", "/api/reconciliation/integrations", "rmm");
}

public sealed record SyncCounts(int Added, int Changed, int Removed);

/// <summary>What the bench reads of the API's sync run.</summary>
public sealed record SyncRunState(Guid Id, string Status, int Added, int Changed, int Removed,
    IReadOnlyDictionary<string, SyncCounts>? Breakdown, string? Error, double? DurationSeconds)
{
    public bool IsActive => Status is "queued" or "running";
}

/// <param name="Run">The run as last seen, completed; null when the service has no such sync (404).</param>
/// <param name="SeenCompleted">From the first POST of the round until a GET showed this run completed.</param>
public sealed record SyncRunResult(BenchSync Sync, SyncRunState? Run, TimeSpan SeenCompleted)
{
    public bool Available => Run is not null;
}

/// <summary>Both syncs of one round and the time from the first POST until both were seen completed.</summary>
public sealed record SyncRound(IReadOnlyList<SyncRunResult> Runs, TimeSpan Elapsed);

/// <summary>
/// Starts the Pax8 and the RMM sync together through the gateway, as Settings → Integrations' Sync All does, and
/// follows each with <c>GET sync-runs/{id}</c> every 100 ms until both have completed. A sync the service does not
/// offer (404) is reported as not available; any other refusal, or a failed run, fails the bench.
/// </summary>
public sealed class SyncRunScenario(HttpClient gateway)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(10);

    public static readonly IReadOnlyList<BenchSync> Syncs = [BenchSync.Pax8, BenchSync.Rmm];

    public Task<SyncRound> RunAsync() => RunAsync(Syncs);

    /// <summary>Only <paramref name="syncs"/>, e.g. the RMM's alone as Snapshot Now starts it.</summary>
    public async Task<SyncRound> RunAsync(IReadOnlyList<BenchSync> syncs)
    {
        var clock = Stopwatch.StartNew();
        var started = new List<(BenchSync Sync, SyncRunState? Run)>();
        foreach (var sync in syncs)
        {
            started.Add((sync, await StartAsync(sync)));
        }
        var runs = await Task.WhenAll(started.Select(start => start.Run is { } run
            ? FollowAsync(start.Sync, run, clock)
            : Task.FromResult(new SyncRunResult(start.Sync, null, TimeSpan.Zero))));
        return new SyncRound(runs, clock.Elapsed);
    }

    /// <summary>The queued run, or null when the service has no such sync.</summary>
    private async Task<SyncRunState?> StartAsync(BenchSync sync)
    {
        using var response = await gateway.PostAsJsonAsync($"{sync.IntegrationsPath}/{sync.Integration}/sync",
            new { trigger = "sync-all" });
        return response.StatusCode == HttpStatusCode.NotFound
            ? null
            : await RunOf(response, HttpStatusCode.Accepted, $"POST {sync.Integration}/sync");
    }

    private async Task<SyncRunResult> FollowAsync(BenchSync sync, SyncRunState run, Stopwatch clock)
    {
        while (run.IsActive)
        {
            if (clock.Elapsed > RunTimeout)
            {
                throw new TimeoutException($"The {sync.DisplayName} sync {run.Id} was still {run.Status} after {RunTimeout:g}.");
            }
            await Task.Delay(PollInterval);
            using var poll = await gateway.GetAsync($"{sync.IntegrationsPath}/sync-runs/{run.Id}");
            run = await RunOf(poll, HttpStatusCode.OK, $"GET {sync.Integration} sync-runs/{{id}}");
        }
        var seen = clock.Elapsed;
        return run.Status == "completed"
            ? new SyncRunResult(sync, run, seen)
            : throw new InvalidOperationException($"The {sync.DisplayName} sync {run.Id} ended {run.Status}: {run.Error}");
    }

    private static async Task<SyncRunState> RunOf(HttpResponseMessage response, HttpStatusCode expected, string call)
    {
        if (response.StatusCode != expected)
        {
            throw new HttpRequestException(
                $"{call} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
        return await response.Content.ReadFromJsonAsync<SyncRunState>(JsonSerializerOptions.Web)
            ?? throw new InvalidOperationException($"{call} answered an empty body.");
    }
}
