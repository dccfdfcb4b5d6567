using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using BillingOne.AppHost.Resources;
using Microsoft.Extensions.Logging;

namespace BillingOne.AppHost.Supervision;

/// <summary>
/// Runs one child process for as long as the AppHost runs: launches it in its own process group, captures its
/// console output, probes its health, restarts it with back-off when it exits, and on <see cref="StopAsync"/>
/// stops its whole process tree (SIGTERM, then SIGKILL after the grace period).
/// </summary>
public sealed class SupervisedProcess : IResource, IAsyncDisposable
{
    private const int LinesShownOnCrash = 15;

    private readonly ProcessSpec _spec;
    private readonly SupervisionOptions _options;
    private readonly FailureLog _failures;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();

    private TaskCompletionSource _changed = NewSignal();
    private Task? _supervision;
    private bool _stopRequested;
    private Process? _process;
    private ResourceState _state = ResourceState.Stopped;
    private DateTimeOffset? _startedAt;
    private int _restarts;
    private int? _lastExitCode;
    private string? _healthDetail;

    public SupervisedProcess(
        ProcessSpec spec, SupervisionOptions options, FailureLog failures, ILogger logger, TimeProvider? time = null)
    {
        _spec = spec;
        _options = options;
        _failures = failures;
        _logger = logger;
        _time = time ?? TimeProvider.System;
        Output = new RingBuffer<LogLine>(options.LogCapacity);
    }

    public string Name => _spec.Name;

    public RingBuffer<LogLine> Output { get; }

    public void Start()
    {
        lock (_gate)
        {
            if (_supervision is not null)
            {
                throw new InvalidOperationException($"{Name} is already supervised.");
            }
            _supervision = Task.Run(() => SuperviseAsync(_stopping.Token));
        }
    }

    public ResourceSnapshot Snapshot()
    {
        lock (_gate)
        {
            return SnapshotUnderLock();
        }
    }

    /// <summary>Completes when <paramref name="condition"/> holds for the resource's current snapshot.</summary>
    public async Task WaitUntilAsync(Func<ResourceSnapshot, bool> condition, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (condition(SnapshotUnderLock()))
                {
                    return;
                }
                changed = _changed.Task;
            }
            await changed.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Stops supervising: no more restarts, and the current process tree is terminated.</summary>
    public async Task StopAsync()
    {
        int? processGroupId;
        lock (_gate)
        {
            processGroupId = _stopRequested ? null : _process?.Id;
            _stopRequested = true;
        }
        await _stopping.CancelAsync();

        if (processGroupId is { } group)
        {
            _logger.LogInformation("Stopping {Resource} (pid {ProcessId})", Name, group);
            ProcessGroup.Terminate(group);
        }
        if (_supervision is { } supervision)
        {
            // The supervision loop sees the process exit; only a tree that ignores SIGTERM needs SIGKILL.
            try
            {
                await supervision.WaitAsync(_options.StopGracePeriod, _time);
            }
            catch (TimeoutException)
            {
                if (processGroupId is { } stubborn)
                {
                    _logger.LogWarning("{Resource} did not stop within {Grace:g}: killing its process group",
                        Name, _options.StopGracePeriod);
                    ProcessGroup.Kill(stubborn);
                }
                await supervision;
            }
        }
        SetState(ResourceState.Stopped);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stopping.Dispose();
    }

    private async Task SuperviseAsync(CancellationToken stopping)
    {
        var consecutiveCrashes = 0;
        while (!stopping.IsCancellationRequested)
        {
            var uptime = await RunOnceAsync(stopping);
            if (stopping.IsCancellationRequested)
            {
                break;
            }

            consecutiveCrashes = _options.Restart.NextConsecutiveCrashes(consecutiveCrashes, uptime);
            var delay = _options.Restart.DelayFor(consecutiveCrashes);
            _logger.LogInformation("Restarting {Resource} in {Delay:g} (crash {Crashes} in a row)",
                Name, delay, consecutiveCrashes);
            SetState(ResourceState.Restarting);
            try
            {
                await Task.Delay(delay, _time, stopping);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            lock (_gate)
            {
                _restarts++;
            }
            Signal();
        }
    }

    /// <summary>Launches the process once and returns how long it ran.</summary>
    private async Task<TimeSpan> RunOnceAsync(CancellationToken stopping)
    {
        Process? process;
        try
        {
            process = Launch();
        }
        catch (Exception exception) when (exception is Win32Exception or InvalidOperationException)
        {
            RecordFailure(FailureKind.LaunchFailed, $"could not launch {_spec.FileName}: {exception.Message}");
            _logger.LogError(exception, "Could not launch {Resource}", Name);
            SetState(ResourceState.Crashed);
            return TimeSpan.Zero;
        }
        if (process is null)
        {
            return TimeSpan.Zero; // stopping began before the launch
        }

        using (process)
        using (var run = CancellationTokenSource.CreateLinkedTokenSource(stopping))
        {
            var launchedAt = _time.GetUtcNow();
            var pumps = Task.WhenAll(
                PumpAsync(process.StandardOutput, LogStream.StandardOutput),
                PumpAsync(process.StandardError, LogStream.StandardError));
            var health = _spec.HealthProbe is { } probe
                ? MonitorHealthAsync(probe, launchedAt, run.Token)
                : Task.CompletedTask;

            await process.WaitForExitAsync(CancellationToken.None);
            // Whatever the child left behind in its group goes with it: no orphans holding ports or pipes.
            ProcessGroup.Kill(process.Id);
            await run.CancelAsync();
            await Task.WhenAll(pumps, health);

            var uptime = _time.GetUtcNow() - launchedAt;
            var exitCode = process.ExitCode;
            lock (_gate)
            {
                _process = null;
                _lastExitCode = exitCode;
            }
            AppendAppHostLine($"process {process.Id} exited with code {exitCode} after {uptime:g}");

            if (!stopping.IsCancellationRequested)
            {
                RecordFailure(FailureKind.Crashed, $"exited with code {exitCode} after {uptime:g}");
                _logger.LogWarning("{Resource} exited with code {ExitCode} after {Uptime:g}. Last output:{NewLine}{Output}",
                    Name, exitCode, uptime, Environment.NewLine, RecentOutput(LinesShownOnCrash));
                SetState(ResourceState.Crashed);
            }
            return uptime;
        }
    }

    /// <summary>
    /// Starts the process, unless stopping has begun: the lock makes that check and the start atomic, so
    /// <see cref="StopAsync"/> either prevents the launch or sees the process to terminate.
    /// </summary>
    private Process? Launch()
    {
        var startInfo = new ProcessStartInfo(ProcessGroup.SessionLauncher)
        {
            WorkingDirectory = _spec.WorkingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        startInfo.ArgumentList.Add(_spec.FileName);
        foreach (var argument in _spec.Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in _spec.Environment)
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }

        var process = new Process { StartInfo = startInfo };
        lock (_gate)
        {
            if (_stopRequested)
            {
                process.Dispose();
                return null;
            }
            process.Start();
            _process = process;
            _startedAt = _time.GetUtcNow();
            _healthDetail = null;
            _state = _spec.HealthProbe is null ? ResourceState.Running : ResourceState.Starting;
        }
        Signal();
        // Children never read the AppHost's terminal: an end-of-file on stdin keeps them out of its way.
        process.StandardInput.Close();
        AppendAppHostLine($"started process {process.Id}: {_spec.FileName} {string.Join(' ', _spec.Arguments)}");
        _logger.LogInformation("Started {Resource} (pid {ProcessId})", Name, process.Id);
        return process;
    }

    private async Task PumpAsync(StreamReader reader, LogStream stream)
    {
        try
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                Output.Add(LogLine.Create(_time.GetUtcNow(), stream, line));
            }
        }
        catch (IOException)
        {
            // The pipe broke with the process: everything it wrote before is already captured.
        }
    }

    private async Task MonitorHealthAsync(IHealthProbe probe, DateTimeOffset launchedAt, CancellationToken cancellationToken)
    {
        var everHealthy = false;
        var startupTimeoutReported = false;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var result = await probe.ProbeAsync(cancellationToken);
                cancellationToken.ThrowIfCancellationRequested();
                var previous = Snapshot().State;

                if (result.Healthy)
                {
                    if (previous != ResourceState.Healthy)
                    {
                        _logger.LogInformation("{Resource} is healthy", Name);
                    }
                    everHealthy = true;
                    SetState(ResourceState.Healthy, result.Detail);
                }
                else if (everHealthy)
                {
                    if (previous == ResourceState.Healthy)
                    {
                        RecordFailure(FailureKind.HealthCheckFailed, result.Detail);
                        _logger.LogWarning("{Resource} became unhealthy: {Detail}", Name, result.Detail);
                    }
                    SetState(ResourceState.Unhealthy, result.Detail);
                }
                else if (!startupTimeoutReported && _time.GetUtcNow() - launchedAt >= _options.StartupTimeout)
                {
                    startupTimeoutReported = true;
                    var detail = $"not healthy {_options.StartupTimeout:g} after start: {result.Detail}";
                    RecordFailure(FailureKind.HealthCheckFailed, detail);
                    _logger.LogWarning("{Resource} is {Detail}", Name, detail);
                    SetState(ResourceState.Unhealthy, result.Detail);
                }
                else
                {
                    SetState(startupTimeoutReported ? ResourceState.Unhealthy : ResourceState.Starting, result.Detail);
                }

                var interval = everHealthy ? _options.ProbeInterval : _options.StartupProbeInterval;
                await Task.Delay(interval, _time, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The process exited or the AppHost is stopping: its health no longer matters.
        }
    }

    private void SetState(ResourceState state, string? healthDetail = null)
    {
        lock (_gate)
        {
            _state = state;
            if (healthDetail is not null)
            {
                _healthDetail = healthDetail;
            }
        }
        Signal();
    }

    private void Signal()
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            changed = _changed;
            _changed = NewSignal();
        }
        changed.TrySetResult();
    }

    private void RecordFailure(FailureKind kind, string detail)
    {
        _failures.Record(new FailureRecord(_time.GetUtcNow(), Name, kind, detail));
        AppendAppHostLine(detail);
    }

    private void AppendAppHostLine(string text) =>
        Output.Add(LogLine.Create(_time.GetUtcNow(), LogStream.AppHost, text));

    private string RecentOutput(int lines) =>
        string.Join(Environment.NewLine, Output.Latest(lines)
            .Where(line => line.Stream != LogStream.AppHost)
            .Select(line => "    " + line.Text));

    private ResourceSnapshot SnapshotUnderLock()
    {
        var running = _process is not null;
        int? processId = running ? _process!.Id : null;
        return new ResourceSnapshot(
            Name,
            _spec.Kind,
            _state,
            processId,
            running ? _startedAt : null,
            running && _startedAt is { } started ? _time.GetUtcNow() - started : null,
            _restarts,
            _lastExitCode,
            _healthDetail,
            _spec.Urls);
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
