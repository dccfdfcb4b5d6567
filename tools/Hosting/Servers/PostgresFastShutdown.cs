using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BillingOne.Hosting;

/// <summary>
/// Shuts the AppHost's PostgreSQL down fast (SIGINT to the postmaster named in <c>postmaster.pid</c>) as the AppHost
/// begins to stop, before the orchestrator stops any resource, and waits for it with no orchestrator limit: the
/// orchestrator kills a stopping executable a few seconds after its SIGTERM, which on a busy machine can fall in the
/// middle of PostgreSQL's shutdown checkpoint and leave the cluster to crash recovery.
/// </summary>
public sealed partial class PostgresFastShutdown(string dataDirectory, ILogger<PostgresFastShutdown> logger)
    : IHostedLifecycleService
{
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(25);

    private const int SignalInterrupt = 2;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        if (Postmaster() is not { } pid)
        {
            return;
        }
        var clock = Stopwatch.StartNew();
        if (Kill(pid, SignalInterrupt) != 0)
        {
            return;
        }
        while (IsPostgres(pid))
        {
            if (clock.Elapsed > Bound)
            {
                LogStillRunning(Bound.TotalSeconds);
                return;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100), CancellationToken.None);
        }
        LogShutDown(clock.Elapsed.TotalSeconds);
    }

    /// <summary>The running postmaster of the data directory, if there is one.</summary>
    private int? Postmaster()
    {
        try
        {
            var firstLine = File.ReadLines(Path.Combine(dataDirectory, "postmaster.pid")).FirstOrDefault();
            return int.TryParse(firstLine, out var pid) && IsPostgres(pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    // A pid file left by a crash may name a process that is now something else: only a postgres process is signalled.
    private static bool IsPostgres(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Split('\0')[0].EndsWith("postgres", StringComparison.Ordinal);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "PostgreSQL shut down in {Seconds:F1} s, before the resources stop")]
    private partial void LogShutDown(double seconds);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "PostgreSQL was still shutting down after {Seconds:F0} s; the resources stop now")]
    private partial void LogStillRunning(double seconds);
}
