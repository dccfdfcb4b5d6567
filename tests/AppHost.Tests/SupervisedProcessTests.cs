using BillingOne.AppHost.Resources;
using BillingOne.AppHost.Supervision;
using Microsoft.Extensions.Logging.Abstractions;

namespace BillingOne.AppHost.Tests;

/// <summary>The supervisor against real processes (sh, sleep): restarts, process trees, health transitions.</summary>
public sealed class SupervisedProcessTests
{
    // Bounds a wait so a broken supervisor fails the test instead of hanging it; not a timing assertion.
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(30);

    private static readonly SupervisionOptions FastOptions = SupervisionOptions.Default with
    {
        Restart = new RestartPolicy(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(200), TimeSpan.FromMinutes(1)),
        StartupProbeInterval = TimeSpan.FromMilliseconds(50),
        ProbeInterval = TimeSpan.FromMilliseconds(50),
        StopGracePeriod = TimeSpan.FromSeconds(5),
        LogCapacity = 100,
    };

    private readonly FailureLog _failures = new();

    private SupervisedProcess Supervise(string script, IHealthProbe? probe = null, SupervisionOptions? options = null) =>
        new(new ProcessSpec("child", ResourceKind.Process, "sh", ["-c", script], Path.GetTempPath(),
                new Dictionary<string, string?> { ["BILLINGONE_TEST_GREETING"] = "hello from the environment" },
                [], probe),
            options ?? FastOptions, _failures, NullLogger.Instance);

    private static async Task WaitUntil(SupervisedProcess process, Func<ResourceSnapshot, bool> condition)
    {
        using var limit = new CancellationTokenSource(WaitLimit);
        await process.WaitUntilAsync(condition, limit.Token);
    }

    /// <summary>Output does not change the resource's state, so it is polled.</summary>
    private static async Task WaitForOutput(SupervisedProcess process, string line)
    {
        using var limit = new CancellationTokenSource(WaitLimit);
        while (!process.Output.Latest().Any(captured => captured.Text == line))
        {
            await Task.Delay(20, limit.Token);
        }
    }

    [Fact]
    public async Task Restarts_a_child_that_keeps_crashing_and_records_each_crash()
    {
        await using var process = Supervise("echo \"$BILLINGONE_TEST_GREETING\"; exit 3");
        process.Start();

        await WaitUntil(process, snapshot => snapshot.Restarts >= 2);
        process.Snapshot().LastExitCode.ShouldBe(3);
        await process.StopAsync();

        process.Snapshot().State.ShouldBe(ResourceState.Stopped);
        var crashes = _failures.Latest().Where(failure => failure.Kind == FailureKind.Crashed).ToList();
        crashes.Count.ShouldBeGreaterThanOrEqualTo(2);
        crashes.ShouldAllBe(failure => failure.Resource == "child" && failure.Detail.StartsWith("exited with code 3"));
        process.Output.Latest().Count(line => line.Text == "hello from the environment").ShouldBeGreaterThanOrEqualTo(2);
    }

    [Fact]
    public async Task Stopping_kills_the_whole_process_tree()
    {
        await using var process = Supervise("sleep 300 & sleep 300 & echo ready; wait");
        process.Start();
        await WaitForOutput(process, "ready");

        var root = process.Snapshot().ProcessId!.Value;
        ProcessGroupOf(root).ShouldBe(root, "the child leads its own process group");
        var children = ChildrenOf(root);
        children.Count.ShouldBe(2);

        await process.StopAsync();

        IsAlive(root).ShouldBeFalse();
        children.ShouldAllBe(child => !IsAlive(child));
        process.Snapshot().State.ShouldBe(ResourceState.Stopped);
        process.Snapshot().Restarts.ShouldBe(0);
        _failures.Latest().ShouldBeEmpty();
    }

    [Fact]
    public async Task Stopping_kills_a_tree_that_ignores_sigterm_after_the_grace_period()
    {
        await using var process = Supervise("trap '' TERM; sleep 300 & echo ready; wait",
            options: FastOptions with { StopGracePeriod = TimeSpan.FromMilliseconds(300) });
        process.Start();
        await WaitForOutput(process, "ready");
        var root = process.Snapshot().ProcessId!.Value;
        var children = ChildrenOf(root);

        await process.StopAsync();

        IsAlive(root).ShouldBeFalse();
        children.ShouldAllBe(child => !IsAlive(child));
    }

    [Fact]
    public async Task Leftovers_of_a_crashed_child_are_killed_before_it_restarts()
    {
        await using var process = Supervise("sleep 300 & echo \"orphan $!\"; exit 1");
        process.Start();

        await WaitUntil(process, snapshot => snapshot.Restarts >= 1);
        await process.StopAsync();

        var orphans = process.Output.Latest()
            .Where(line => line.Text.StartsWith("orphan ", StringComparison.Ordinal))
            .Select(line => int.Parse(line.Text["orphan ".Length..]))
            .ToList();
        orphans.ShouldNotBeEmpty();
        orphans.ShouldAllBe(orphan => !IsAlive(orphan));
    }

    [Fact]
    public async Task Follows_health_from_starting_to_healthy_to_unhealthy()
    {
        var probe = new ScriptedHealthProbe();
        await using var process = Supervise("exec sleep 300", probe);
        process.Start();

        await WaitUntil(process, snapshot => snapshot.State == ResourceState.Starting && snapshot.HealthDetail == "warming up");
        probe.Report(new HealthProbeResult(true, "Healthy"));
        await WaitUntil(process, snapshot => snapshot.State == ResourceState.Healthy);
        probe.Report(new HealthProbeResult(false, "Unhealthy — postgresql: Unhealthy"));
        await WaitUntil(process, snapshot => snapshot.State == ResourceState.Unhealthy);

        process.Snapshot().HealthDetail.ShouldBe("Unhealthy — postgresql: Unhealthy");
        _failures.Latest().ShouldContain(failure =>
            failure.Kind == FailureKind.HealthCheckFailed && failure.Detail == "Unhealthy — postgresql: Unhealthy");
        process.Snapshot().Restarts.ShouldBe(0, "an unhealthy process is reported, not restarted");
    }

    [Fact]
    public async Task Reports_a_launch_it_cannot_make_and_retries()
    {
        await using var process = new SupervisedProcess(
            new ProcessSpec("ghost", ResourceKind.Process, "sh", [], "/nonexistent-working-directory",
                new Dictionary<string, string?>(), [], null),
            FastOptions, _failures, NullLogger.Instance);
        process.Start();

        await WaitUntil(process, snapshot => snapshot.Restarts >= 1);

        _failures.Latest().ShouldContain(failure => failure.Resource == "ghost" && failure.Kind == FailureKind.LaunchFailed);
    }

    /// <summary>A health endpoint whose answer the test decides.</summary>
    private sealed class ScriptedHealthProbe : IHealthProbe
    {
        private volatile HealthProbeResult _result = new(false, "warming up");

        public void Report(HealthProbeResult result) => _result = result;

        public Task<HealthProbeResult> ProbeAsync(CancellationToken cancellationToken) => Task.FromResult(_result);
    }

    private static List<int> ChildrenOf(int pid) =>
        [.. File.ReadAllText($"/proc/{pid}/task/{pid}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse)];

    /// <summary>Field 5 of /proc/PID/stat (after the parenthesised command name) is the process group.</summary>
    private static int ProcessGroupOf(int pid) =>
        int.Parse(StatFields(pid)![2]);

    /// <summary>Gone, or a zombie waiting for a reaper (containers may lack one): either way no longer running.</summary>
    private static bool IsAlive(int pid) => StatFields(pid) is { } fields && fields[0] != "Z";

    private static string[]? StatFields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }
}
