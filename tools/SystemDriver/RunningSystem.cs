using System.Collections.Concurrent;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using BillingOne.AppHost;
using BillingOne.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace BillingOne.SystemDriver;

/// <summary>
/// The whole system as the README's run command starts it — the real Aspire AppHost with its PostgreSQL, RabbitMQ,
/// every service, the gateway, the web UI, the sandbox and the demo seeder — started through Aspire.Hosting.Testing
/// with a data directory and fixed ports of its own, so it never collides with a developer's running system.
/// </summary>
public sealed class RunningSystem : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5);
    /// <summary>Every project the AppHost runs (besides the run-once demo seeder).</summary>
    public static readonly IReadOnlyList<string> Projects =
        ["gateway", "web", "sandbox", "ingestion", "identity", "subscription", "invoice", "reconciliation", "metering", "projection"];

    /// <summary>The services with a database of their own, each with its migration step.</summary>
    public static readonly IReadOnlyList<string> DatabaseServices =
        ["ingestion", "identity", "subscription", "invoice", "reconciliation", "metering", "projection"];

    private readonly CapturedLogs logs;
    private readonly bool withDashboard;

    private RunningSystem(DistributedApplication app, CapturedLogs logs, IReadOnlyDictionary<string, int> ports,
        string dataDirectory, bool dashboard)
    {
        App = app;
        this.logs = logs;
        Ports = ports;
        DataDirectory = dataDirectory;
        withDashboard = dashboard;
        Gateway = new Uri($"http://127.0.0.1:{ports["gateway"]}/");
        GatewayGrpc = new Uri($"http://127.0.0.1:{ports["gateway-grpc"]}/");
    }

    /// <summary>The running Aspire application: resource states, commands, connection strings.</summary>
    public DistributedApplication App { get; }

    /// <summary>The fixed ports of this run, by the AppHost's names (<c>AppHost:Ports:*</c>).</summary>
    public IReadOnlyDictionary<string, int> Ports { get; }

    public Uri Gateway { get; }

    /// <summary>The gateway's HTTP/2-only endpoint for gRPC.</summary>
    public Uri GatewayGrpc { get; }

    /// <summary>The Aspire dashboard (UI and telemetry API), when started with one.</summary>
    public Uri? Dashboard => withDashboard ? App.GetEndpoint("aspire-dashboard", "http") : null;

    /// <summary>The AppHost's data directory (servers' data, generated secrets, the demo seeder's keys).</summary>
    public string DataDirectory { get; }

    /// <summary>The demo organization's admin API key, seeded by the identity service at start.</summary>
    public static readonly string AdminApiKey = "bo_e2etests_" + new string('k', 16) + Guid.NewGuid().ToString("N")[..16];

    /// <summary>The demo organization owner's password for signing in to the web UI.</summary>
    public const string OwnerPassword = "End-to-end-owner-2026!";

    public const string OwnerEmail = "owner@demo.billingone.dev";

    /// <summary>The configuration this test run was built in (bin/&lt;Configuration&gt;/net10.0), which the AppHost runs too.</summary>
    public static string BuildConfiguration =>
        new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;

    /// <summary>A gateway client acting with the demo admin API key.</summary>
    public HttpClient CreateGatewayClient()
    {
        var client = CreateAnonymousGatewayClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", AdminApiKey);
        return client;
    }

    public HttpClient CreateAnonymousGatewayClient() => new() { BaseAddress = Gateway, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Everything the AppHost and its resources logged so far, for failure messages.</summary>
    public string Output => logs.Text();

    /// <summary>The console lines of one resource so far (its instances' lines, in order).</summary>
    public IReadOnlyList<string> LogsOf(string resource) => logs.Of(resource);

    /// <summary>Starts the system and waits until every project is healthy.</summary>
    /// <param name="name">Names the data directory, for finding it among others.</param>
    /// <param name="seedDemoData">Whether the demo seeder runs once everything is healthy, as in the default run.</param>
    /// <param name="dashboard">Whether the Aspire dashboard runs, anonymous on loopback, with its telemetry API.</param>
    /// <param name="replicas">Processes per service (<c>AppHost:Replicas</c>: metering, ingestion); 1 each when absent.</param>
    /// <param name="settings">More AppHost arguments (<c>--AppHost:Key=value</c>), after the ones every run gets.</param>
    /// <param name="exportTelemetry">
    /// Whether the services record and export telemetry (<c>AppHost:ExportTelemetry</c>): by default only when the
    /// dashboard runs to receive it. The benchmarks keep it on, as a deployment exporting to its collector would.
    /// </param>
    public static async Task<RunningSystem> StartAsync(string name, bool seedDemoData = true, bool dashboard = false,
        IReadOnlyDictionary<string, int>? replicas = null, IEnumerable<string>? settings = null, bool? exportTelemetry = null)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"billingone-{name}-{Guid.NewGuid():N}");
        var ports = FreeAppHostPorts();
        string[] arguments =
        [
            $"--AppHost:DataDirectory={dataDirectory}",
            $"--AppHost:SeedDemoData={seedDemoData}",
            $"--AppHost:ExportTelemetry={exportTelemetry ?? dashboard}",
            $"--AppHost:Seed:AdminApiKey={AdminApiKey}",
            $"--AppHost:Seed:OwnerPassword={OwnerPassword}",
            // The vendor world moves only when a test asks (POST /sandbox/changes), so syncs compare with what it said.
            "--AppHost:SandboxChangeInterval=off",
            .. PortArguments(ports),
            .. (replicas ?? new Dictionary<string, int>()).Select(service => $"--AppHost:Replicas:{service.Key}={service.Value}"),
            // The testing builder gives the dashboard ports of its own (see Dashboard); a browser needs no login token.
            "--ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS=true",
            .. settings ?? [],
        ];

        using var timeout = new CancellationTokenSource(StartTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<global::Projects.AppHost>(
            arguments, (options, _) => options.DisableDashboard = !dashboard, timeout.Token);
        var logs = new CapturedLogs();
        // Kept for failure messages instead of printed: a test run or the benchmark would drown in resource logs.
        builder.Services.AddLogging(logging => logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Information));
        var app = await builder.BuildAsync(timeout.Token);
        var system = new RunningSystem(app, logs, ports, dataDirectory, dashboard);
        try
        {
            // Without a container engine a container resource would wait forever: the timeout says so instead.
            await app.StartAsync(timeout.Token);
            await Task.WhenAll(Projects.Select(project =>
                app.ResourceNotifications.WaitForResourceHealthyAsync(project, timeout.Token)));
            // Waiting by name ends with the first healthy instance of a project; every replica should be serving.
            await Task.WhenAll((replicas ?? new Dictionary<string, int>()).Select(service =>
                WaitForHealthyInstancesAsync(app, service.Key, service.Value, timeout.Token)));
        }
        catch (OperationCanceledException exception)
        {
            await system.DisposeAsync();
            throw new TimeoutException($"Not every project became healthy within {StartTimeout:g}:\n{logs.Text()}", exception);
        }
        catch
        {
            await system.DisposeAsync();
            throw;
        }
        return system;
    }

    private static async Task WaitForHealthyInstancesAsync(DistributedApplication app, string resource, int count,
        CancellationToken cancellationToken)
    {
        // The watch replays every instance's current state before its changes.
        var healthy = new HashSet<string>();
        await foreach (var update in app.ResourceNotifications.WatchAsync(cancellationToken))
        {
            if (update.Resource.Name != resource)
            {
                continue;
            }
            if (update.Snapshot.HealthStatus == HealthStatus.Healthy)
            {
                healthy.Add(update.ResourceId);
            }
            else
            {
                healthy.Remove(update.ResourceId);
            }
            if (healthy.Count >= count)
            {
                return;
            }
        }
    }

    /// <summary>The connection string of <paramref name="service"/>'s own database.</summary>
    public async Task<string> DatabaseConnectionStringAsync(string service) =>
        new NpgsqlConnectionStringBuilder(await App.GetConnectionStringAsync("postgres"))
        {
            Database = BillingOneResourceExtensions.DatabaseName(service),
        }.ConnectionString;

    /// <summary>Waits until the resource reaches <paramref name="state"/> (e.g. Finished) and returns its snapshot.</summary>
    public async Task<CustomResourceSnapshot> WaitForStateAsync(string resource, string state, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            var update = await App.ResourceNotifications.WaitForResourceAsync(resource,
                e => e.Snapshot.State?.Text == state, cancellation.Token);
            return update.Snapshot;
        }
        catch (OperationCanceledException exception)
        {
            throw new TimeoutException($"{resource} did not reach {state} within {timeout:g}:\n{Output}", exception);
        }
    }

    /// <summary>The current snapshot of a resource (its first instance).</summary>
    public CustomResourceSnapshot Snapshot(string resource) =>
        App.ResourceNotifications.TryGetCurrentState(resource, out var update)
            ? update.Snapshot
            : throw new InvalidOperationException($"No resource named {resource}.");

    /// <summary>
    /// The process that is a resource's service: for a project, the process the orchestrator started (the project's
    /// built program, AppHost BuiltPrograms); for a server, the only child of the wrapper started for it.
    /// </summary>
    public int ServiceProcessOf(string resource)
    {
        var launcher = LauncherOf(resource);
        if (App.Services.GetRequiredService<DistributedApplicationModel>().Resources
                .Single(candidate => candidate.Name == resource) is ProjectResource)
        {
            return launcher;
        }
        var children = ChildProcesses.Of(launcher);
        return children.Count == 1
            ? children[0]
            : throw new InvalidOperationException($"{resource}'s launcher {launcher} has {children.Count} child processes.");
    }

    /// <summary>The launcher of a resource and every process under it, as they run now.</summary>
    public IReadOnlyList<int> ProcessTreeOf(string resource)
    {
        var tree = new List<int> { LauncherOf(resource) };
        for (var next = 0; next < tree.Count; next++)
        {
            try
            {
                tree.AddRange(ChildProcesses.Of(tree[next]));
            }
            catch (IOException)
            {
                // Ended while the tree was read: it has no children left to list.
            }
        }
        return tree;
    }

    /// <summary>The process the orchestrator started for a resource: a project's program, a server's wrapper.</summary>
    public int LauncherOf(string resource) => Convert.ToInt32(
        Snapshot(resource).Properties.Single(property => property.Name == "executable.pid").Value,
        System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>RabbitMQ's management API as the broker's own user (guest, on loopback only).</summary>
    public async Task<HttpClient> RabbitMqManagementClientAsync()
    {
        var amqp = new Uri((await App.GetConnectionStringAsync("rabbitmq"))!);
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Ports["rabbitmq-management"]}/") };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Uri.UnescapeDataString(amqp.UserInfo))));
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await App.StopAsync().WaitAsync(TimeSpan.FromMinutes(1));
        }
        finally
        {
            await App.DisposeAsync();
            logs.Dispose();
            DeleteDataDirectory();
        }
    }

    /// <summary>
    /// The stopped system's data (PostgreSQL, RabbitMQ, logs) goes with it: a benchmark run leaves 2 GB behind otherwise,
    /// and a machine that keeps running them fills its disk. A file a late-exiting process still holds is left.
    /// </summary>
    private void DeleteDataDirectory()
    {
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"The data directory {DataDirectory} was not removed whole: {failure.Message}");
        }
    }

    /// <summary>
    /// A distinct free port for each of the AppHost's fixed ports (<c>AppHost:Ports:*</c>), so a run never collides
    /// with a developer's running system or another run.
    /// </summary>
    public static IReadOnlyDictionary<string, int> FreeAppHostPorts()
    {
        var ports = new Dictionary<string, int>();
        foreach (var name in new[] { "gateway", "gateway-grpc", "postgres", "rabbitmq", "rabbitmq-management", "rabbitmq-dist", "epmd", "smtp-sink", "smtp-sink-web" })
        {
            int port;
            do
            {
                port = LoopbackPorts.GetFree();
            }
            while (ports.ContainsValue(port));
            ports[name] = port;
        }
        return ports;
    }

    /// <summary>The AppHost's command-line arguments that set its fixed ports.</summary>
    public static IEnumerable<string> PortArguments(IReadOnlyDictionary<string, int> ports) =>
        ports.Select(port => $"--AppHost:Ports:{port.Key}={port.Value}");

    /// <summary>
    /// Keeps what the AppHost logs, including its resources' console lines, which Aspire.Hosting.Testing forwards under
    /// the category <c>&lt;AppHost&gt;.Resources.&lt;resource&gt;</c>.
    /// </summary>
    private sealed class CapturedLogs : ILoggerProvider
    {
        private const string ResourceCategory = ".Resources.";
        private const int Capacity = 20_000;
        private readonly ConcurrentQueue<(string Category, string Line)> lines = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public string Text() => string.Join('\n', lines.Select(line => $"[{ShortCategory(line.Category)}] {line.Line}"));

        public IReadOnlyList<string> Of(string resource) =>
            [.. lines.Where(line => ResourceOf(line.Category) == resource).Select(line => line.Line)];

        public void Dispose()
        {
        }

        private void Add(string category, string line)
        {
            lines.Enqueue((category, line));
            while (lines.Count > Capacity && lines.TryDequeue(out _))
            {
            }
        }

        private static string? ResourceOf(string category)
        {
            var index = category.IndexOf(ResourceCategory, StringComparison.Ordinal);
            return index < 0 ? null : category[(index + ResourceCategory.Length)..];
        }

        private static string ShortCategory(string category) => ResourceOf(category) ?? category.Split('.').Last();

        private sealed class Logger(CapturedLogs owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
                Func<TState, Exception?, string> formatter) =>
                owner.Add(category, exception is null ? formatter(state, exception) : $"{formatter(state, exception)} {exception}");
        }
    }
}
