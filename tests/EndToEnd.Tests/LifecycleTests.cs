using System.Diagnostics;
using System.Text;
using BillingOne.Testing;
using Shouldly;

namespace BillingOne.EndToEnd.Tests;

/// <summary>
/// The AppHost as <c>scripts/run.sh</c> starts it (<c>dotnet run --project AppHost</c>), stopped the way a terminal or a
/// process manager stops it: nothing it started may outlive it, and PostgreSQL must have shut down cleanly.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class LifecycleTests
{
    // Two AppHosts of their own, started together (up to four minutes) and stopped (one): one start's waits overlap
    // the other's work, which takes less than two starts one after the other. TERM stops a system that is up, as a
    // process manager does; INT comes while the services are still starting, as a person presses Ctrl+C when the first
    // lines scroll by, and spares the suite the second half of a start-up on two busy cores.
    [SystemFact(Minutes = 6)]
    public async Task Stopping_the_apphost_by_TERM_or_a_terminals_INT_leaves_no_process_and_a_cleanly_shut_down_database() =>
        await Task.WhenAll(StartAndStopAsync("TERM"), StartAndStopAsync("INT"));

    private static async Task StartAndStopAsync(string signal)
    {
        var root = RepositoryRoot.Find();
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"billingone-lifecycle-{Guid.NewGuid():N}");
        var ports = RunningSystem.FreeAppHostPorts();
        // In a session of its own, as in a terminal: Ctrl+C there signals the whole foreground group (dotnet run and the
        // AppHost it runs), which kill -INT -<group> does here. A process started in the background may inherit SIGINT
        // as ignored; a terminal's foreground job does not, so neither does this one.
        var start = new ProcessStartInfo("env",
        [
            "--default-signal=INT", "setsid", "dotnet", "run", "--project", Path.Combine(root, "AppHost"), "--no-build", "--no-launch-profile",
            "-c", RunningSystem.BuildConfiguration, "--",
            $"--AppHost:DataDirectory={dataDirectory}", "--AppHost:SeedDemoData=false",
            .. RunningSystem.PortArguments(ports),
        ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = root,
        };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{LoopbackPorts.GetFree()}";
        start.Environment["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://127.0.0.1:{LoopbackPorts.GetFree()}";
        start.Environment["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true";
        start.Environment["ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS"] = "true";
        var output = new StringBuilder();
        using var appHost = Process.Start(start)!;
        appHost.OutputDataReceived += (_, line) => { lock (output) { output.AppendLine(line.Data); } };
        appHost.ErrorDataReceived += (_, line) => { lock (output) { output.AppendLine(line.Data); } };
        appHost.BeginOutputReadLine();
        appHost.BeginErrorReadLine();
        string Output() { lock (output) { return output.ToString(); } }

        try
        {
            if (signal == "TERM")
            {
                await Eventually.AssertAsync(() =>
                {
                    appHost.HasExited.ShouldBeFalse($"{signal}: {Output()}");
                    Output().ShouldContain("BillingOne is running.", Case.Sensitive, signal);
                    return Task.CompletedTask;
                }, TimeSpan.FromMinutes(4));
            }
            var started = await EveryServerAndServiceStartedAsync(appHost, ports["epmd"], signal, Output);

            // "--" before a group: procps' kill reads a bare negative number as options.
            using (var stop = Process.Start("kill", signal == "INT"
                       ? [$"-{signal}", "--", $"-{appHost.Id}"]
                       : [$"-{signal}", appHost.Id.ToString()]))
            {
                await stop!.WaitForExitAsync();
            }
            await appHost.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(1)).Token);

            // DCP, Aspire's orchestrator, outlives an AppHost that stops during its start: it notices the exit of the
            // process it monitors, stops what it started (each within a bounded wait, docs/reliability.md) and only then
            // exits itself. On two cores busy with the rest of the suite that once took longer than 20 s.
            await Eventually.AssertAsync(() =>
            {
                started.Where(process => process.IsAlive).Select(process => process.CommandLine).ShouldBeEmpty($"{signal}: {Output()}");
                return Task.CompletedTask;
            }, TimeSpan.FromMinutes(1));
            PostgresClusterState(Path.Combine(dataDirectory, "postgres")).ShouldBe("shut down", $"{signal}: {Output()}");
        }
        finally
        {
            if (!appHost.HasExited)
            {
                appHost.Kill(entireProcessTree: true);
            }
            // Its PostgreSQL and RabbitMQ data, read above, are not needed any more.
            try
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
            catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
            {
                // A file a late-exiting process still holds: the rest is gone, and the run's outcome stands.
            }
        }
    }

    /// <summary>
    /// The processes the AppHost started once epmd, the RabbitMQ node and at least nine services (not their migration
    /// steps, so PostgreSQL is up and migrated) run; read every second, a whole process table being no small read.
    /// </summary>
    private static async Task<List<ProcessTree>> EveryServerAndServiceStartedAsync(Process appHost, int epmdPort, string signal,
        Func<string> output)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            appHost.HasExited.ShouldBeFalse($"{signal}: {output()}");
            var started = ProcessTree.DescendantsOf(appHost.Id).Concat(ProcessTree.Orchestrators(appHost.Id)).ToList();
            var epmd = started.Any(process => process.CommandLine.Contains($"-port {epmdPort}"));
            var broker = started.Any(process => process.CommandLine.Contains("beam.smp"));
            var services = started.Count(process => process.CommandLine.Contains("BillingOne.")
                && !process.CommandLine.Contains("Migrations=only"));
            if (epmd && broker && services >= 9)
            {
                return started;
            }
            waited.Elapsed.ShouldBeLessThan(TimeSpan.FromMinutes(4),
                $"{signal}: epmd {epmd}, RabbitMQ node {broker}, {services} services after four minutes: {output()}");
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    private static string PostgresClusterState(string dataDirectory)
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql").Order().Last();
        using var controlData = Process.Start(new ProcessStartInfo(Path.Combine(bin, "bin", "pg_controldata"), [dataDirectory])
        {
            RedirectStandardOutput = true,
        })!;
        var text = controlData.StandardOutput.ReadToEnd();
        controlData.WaitForExit();
        return text.Split('\n').Single(line => line.StartsWith("Database cluster state:")).Split(':')[1].Trim();
    }

    /// <summary>Processes read from /proc, with their start time so that a reused pid is not taken for the same process.</summary>
    private sealed record ProcessTree(int Id, int Parent, string StartTime, string CommandLine)
    {
        public bool IsAlive => Read(Id) is { } now && now.StartTime == StartTime;

        public static IEnumerable<ProcessTree> DescendantsOf(int root)
        {
            var all = All();
            var ids = new HashSet<int> { root };
            bool added;
            do
            {
                added = false;
                foreach (var process in all.Where(process => ids.Contains(process.Parent) && ids.Add(process.Id)))
                {
                    added = true;
                }
            }
            while (added);
            return all.Where(process => ids.Contains(process.Id) && process.Id != root);
        }

        /// <summary>Aspire's orchestrator runs detached and names the process it watches: take it and its children.</summary>
        public static IEnumerable<ProcessTree> Orchestrators(int root) =>
            All().Where(process => process.CommandLine.Contains("dcp start-apiserver")
                                   && DescendantsOf(root).Any(child => process.CommandLine.Contains($"--monitor {child.Id} ")))
                .SelectMany(dcp => DescendantsOf(dcp.Id).Prepend(dcp));

        private static List<ProcessTree> All() =>
            [.. Directory.EnumerateDirectories("/proc").Select(directory => int.TryParse(Path.GetFileName(directory), out var id) ? Read(id) : null)
                .OfType<ProcessTree>()];

        private static ProcessTree? Read(int id)
        {
            try
            {
                var stat = File.ReadAllText($"/proc/{id}/stat");
                // The command name (field 2) may hold spaces and parentheses: the fields after it follow the last ')'.
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var commandLine = File.ReadAllText($"/proc/{id}/cmdline").Replace('\0', ' ');
                return new ProcessTree(id, int.Parse(fields[1]), fields[19], commandLine);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                return null; // ended while being read
            }
        }
    }
}
