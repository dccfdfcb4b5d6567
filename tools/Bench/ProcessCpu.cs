using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace BillingOne.Bench;

/// <summary>
/// CPU seconds used so far by each part of the running system, read from /proc: a process belongs to the first of
/// its ancestors (itself included) that is a BillingOne project, the benchmark, or a server under the benchmark's
/// data directory (PostgreSQL backends are children of the postmaster, whose command line names the directory; the
/// RabbitMQ node runs detached and names it in its environment).
/// </summary>
public static partial class ProcessCpu
{
    public static IReadOnlyDictionary<string, double> Snapshot(string dataDirectory)
    {
        var processes = Processes();
        var totals = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (pid, part) in PartsOf(processes, dataDirectory))
        {
            totals[part] = totals.GetValueOrDefault(part) + processes[pid].Seconds;
        }
        return totals;
    }

    /// <summary>The part of the running system each of its processes belongs to, by process id.</summary>
    public static IReadOnlyDictionary<int, string> Parts(string dataDirectory) => PartsOf(Processes(), dataDirectory);

    private static Dictionary<int, string> PartsOf(
        Dictionary<int, (int Parent, string CommandLine, double Seconds)> processes, string dataDirectory)
    {
        var parts = new Dictionary<int, string>();
        foreach (var pid in processes.Keys)
        {
            if (Owner(pid, processes, dataDirectory) is { } owner)
            {
                parts[pid] = owner;
            }
        }
        return parts;
    }

    private static Dictionary<int, (int Parent, string CommandLine, double Seconds)> Processes()
    {
        var processes = new Dictionary<int, (int Parent, string CommandLine, double Seconds)>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid) || ReadStat($"/proc/{pid}/stat") is not { } stat)
            {
                continue;
            }
            processes[pid] = (stat.Parent, Identity(pid), stat.Seconds);
        }
        return processes;
    }

    /// <summary>
    /// CPU seconds the runtime's background JIT has used so far in the system's processes, per thread: the
    /// tiered-compilation threads, which compile a method again, optimized, once it has been called often enough.
    /// </summary>
    internal static Dictionary<string, double> JitSnapshot(string dataDirectory)
    {
        var threads = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var pid in Parts(dataDirectory).Keys)
        {
            List<string> tasks;
            try
            {
                tasks = Directory.EnumerateDirectories($"/proc/{pid}/task").ToList();
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                continue; // The process ended while being read.
            }
            foreach (var thread in tasks)
            {
                if (ReadText($"{thread}/comm").StartsWith(TieredCompilationThread, StringComparison.Ordinal)
                    && ReadStat($"{thread}/stat") is { } stat)
                {
                    threads[thread] = stat.Seconds;
                }
            }
        }
        return threads;
    }

    /// <summary>The name (truncated to 15 characters by Linux) of the runtime's tiered-compilation worker threads.</summary>
    private const string TieredCompilationThread = ".NET Tiered Com";

    /// <summary>Runs <paramref name="run"/> and tells the CPU seconds each part used meanwhile.</summary>
    public static async Task<(T Result, IReadOnlyDictionary<string, double> CpuSeconds)> MeasureAsync<T>(
        string dataDirectory, Func<Task<T>> run)
    {
        var before = Snapshot(dataDirectory);
        var result = await run();
        return (result, Between(before, Snapshot(dataDirectory)));
    }

    /// <summary>
    /// Waits until <paramref name="parts"/> together use less than 5% of a core over two seconds — a backlog being worked
    /// off keeps one busy — and answers how long that took, or that they were still busy after <paramref name="timeout"/>.
    /// </summary>
    public static async Task<IdleWait> WaitUntilIdleAsync(string dataDirectory, IReadOnlyCollection<string> parts, TimeSpan timeout)
    {
        var window = TimeSpan.FromSeconds(2);
        var clock = Stopwatch.StartNew();
        var before = Snapshot(dataDirectory);
        while (true)
        {
            await Task.Delay(window);
            var after = Snapshot(dataDirectory);
            var used = Between(before, after).Where(entry => parts.Contains(entry.Key)).Sum(entry => entry.Value);
            if (used < 0.05 * window.TotalSeconds)
            {
                return new IdleWait(clock.Elapsed, Idle: true);
            }
            if (clock.Elapsed > timeout)
            {
                return new IdleWait(clock.Elapsed, Idle: false);
            }
            before = after;
        }
    }

    /// <summary>Seconds used between two snapshots, per part.</summary>
    public static IReadOnlyDictionary<string, double> Between(
        IReadOnlyDictionary<string, double> before, IReadOnlyDictionary<string, double> after) =>
        after.ToDictionary(entry => entry.Key, entry => Math.Max(0, entry.Value - before.GetValueOrDefault(entry.Key)));

    private static string? Owner(
        int pid, Dictionary<int, (int Parent, string CommandLine, double Seconds)> processes, string dataDirectory)
    {
        if (!BelongsToThisRun(pid, processes, dataDirectory))
        {
            return null; // another system on the machine (a test run, another benchmark)
        }
        var own = processes[pid].CommandLine;
        for (var current = pid; processes.TryGetValue(current, out var process) && current > 1; current = process.Parent)
        {
            if (process.CommandLine.Contains(dataDirectory, StringComparison.Ordinal))
            {
                return Server(own) ?? Server(process.CommandLine);
            }
            var project = current == Environment.ProcessId ? "bench"
                : IsOrchestrator(process.CommandLine) ? "aspire"
                : ProjectName(process.CommandLine);
            if (project is not null)
            {
                return project;
            }
        }
        return null;
    }

    /// <summary>Started by this benchmark (the AppHost and its children), or a server under its data directory.</summary>
    private static bool BelongsToThisRun(
        int pid, Dictionary<int, (int Parent, string CommandLine, double Seconds)> processes, string dataDirectory)
    {
        for (var current = pid; processes.TryGetValue(current, out var process) && current > 1; current = process.Parent)
        {
            if (current == Environment.ProcessId || process.CommandLine.Contains(dataDirectory, StringComparison.Ordinal)
                || process.CommandLine.Contains($"--monitor {Environment.ProcessId} ", StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    private static string? Server(string commandLine) =>
        commandLine.Contains("postgres", StringComparison.Ordinal) ? "postgresql"
        : commandLine.Contains("beam.smp", StringComparison.Ordinal) || commandLine.Contains("erl_child_setup", StringComparison.Ordinal)
            || commandLine.Contains("rabbitmq", StringComparison.Ordinal) ? "rabbitmq"
        : null;

    /// <summary>"gateway" for a process running BillingOne.Gateway (its executable or its dll), and so on.</summary>
    private static string? ProjectName(string commandLine) =>
        ProjectPattern().Match(commandLine) is { Success: true } match ? match.Groups[1].Value.ToLowerInvariant() : null;

    /// <summary>Aspire's orchestrator (DCP).</summary>
    private static bool IsOrchestrator(string commandLine) => commandLine.Contains("/dcp ", StringComparison.Ordinal);

    [GeneratedRegex(@"BillingOne\.([A-Za-z]+)(?:\.dll)?(?:\s|$)")]
    private static partial Regex ProjectPattern();

    private static (int Parent, double Seconds)? ReadStat(string path)
    {
        try
        {
            var stat = File.ReadAllText(path);
            // The command name (field 2) may contain spaces; the fields after its closing parenthesis do not.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var parent = int.Parse(fields[1], CultureInfo.InvariantCulture);
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return (parent, ticks / ClockTicksPerSecond);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null; // The process ended while being read.
        }
    }

    /// <summary>The command line; for Erlang processes also the RabbitMQ data directory from their environment.</summary>
    private static string Identity(int pid)
    {
        var commandLine = ReadNulSeparated(pid, "cmdline");
        return commandLine.Contains("erl", StringComparison.Ordinal)
            ? commandLine + " " + ReadNulSeparated(pid, "environ").Split(' ')
                .FirstOrDefault(variable => variable.StartsWith("RABBITMQ_MNESIA_BASE=", StringComparison.Ordinal))
            : commandLine;
    }

    private static string ReadNulSeparated(int pid, string file) => ReadText($"/proc/{pid}/{file}").Replace('\0', ' ');

    private static string ReadText(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return ""; // The process ended while being read.
        }
    }

    /// <summary>USER_HZ: 100 on every Linux architecture .NET runs on.</summary>
    private const double ClockTicksPerSecond = 100;
}

/// <summary>How long a wait for processes to go idle took, and whether they did.</summary>
public sealed record IdleWait(TimeSpan Waited, bool Idle);
