using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BillingOne.AppHost.Configuration;
using BillingOne.Testing.Servers;
using Npgsql;

namespace BillingOne.Testing;

/// <summary>
/// The whole system as the README's run command starts it: the built AppHost launching every service, the gateway,
/// the web UI and the sandbox, here on free ports: against the test run's PostgreSQL and RabbitMQ (a virtual host
/// of its own), or against private servers the AppHost starts itself (the benchmark).
/// </summary>
public sealed class RunningSystem : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);
    private readonly Process appHost;
    private readonly StringBuilder output = new();

    private readonly string postgresServer;

    private RunningSystem(
        Process appHost, string postgresServer, Uri gateway, Uri gatewayGrpc, Uri dashboard, string dataDirectory)
    {
        this.appHost = appHost;
        this.postgresServer = postgresServer;
        DataDirectory = dataDirectory;
        Gateway = gateway;
        GatewayGrpc = gatewayGrpc;
        Dashboard = dashboard;
        appHost.OutputDataReceived += (_, e) => Append(e.Data);
        appHost.ErrorDataReceived += (_, e) => Append(e.Data);
        appHost.BeginOutputReadLine();
        appHost.BeginErrorReadLine();
    }

    public Uri Gateway { get; }

    /// <summary>The gateway's HTTP/2-only endpoint for gRPC.</summary>
    public Uri GatewayGrpc { get; }

    public Uri Dashboard { get; }

    /// <summary>The AppHost's data directory (its generated secrets, the demo seeder's keys).</summary>
    public string DataDirectory { get; }

    /// <summary>The demo organization's admin API key, seeded by the subscription service at start.</summary>
    public static readonly string AdminApiKey = "bo_e2etests_" + new string('k', 16) + Guid.NewGuid().ToString("N")[..16];

    /// <summary>The demo organization owner's password for signing in to the web UI.</summary>
    public const string OwnerPassword = "End-to-end-owner-2026!";

    public const string OwnerEmail = "owner@demo.billingone.dev";

    /// <summary>A gateway client acting with the demo admin API key.</summary>
    public HttpClient CreateGatewayClient()
    {
        var client = CreateAnonymousGatewayClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", AdminApiKey);
        return client;
    }

    public HttpClient CreateAnonymousGatewayClient() => new() { BaseAddress = Gateway, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>What the AppHost printed so far, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>Starts the system on the test run's shared PostgreSQL and RabbitMQ.</summary>
    /// <param name="name">Names the test run's database prefix and virtual host.</param>
    /// <param name="seedDemoData">Whether the AppHost runs the demo-data script once everything is healthy, as the
    /// default run does.</param>
    public static async Task<RunningSystem> StartAsync(string name, bool seedDemoData = true)
    {
        var servers = await TestServers.GetAsync();
        var postgres = await servers.CreateDatabaseAsync(name);
        var virtualHost = await servers.CreateVirtualHostAsync(name);
        return await LaunchAsync(postgres,
            Path.Combine(Path.GetTempPath(), "billingone-e2e-" + Guid.NewGuid().ToString("N")), seedDemoData,
        [
            "--ConnectionStrings:postgres", postgres,
            "--ConnectionStrings:rabbitmq", virtualHost.ToString(),
            "--AppHost:RabbitMqManagementUri", servers.RabbitMqManagementUri.ToString(),
        ]);
    }

    /// <summary>
    /// Starts the system with the AppHost's own private PostgreSQL and RabbitMQ under <paramref name="dataDirectory"/>,
    /// so that nothing else shares the servers (the benchmark measures them). No demo data is seeded.
    /// </summary>
    public static Task<RunningSystem> StartWithPrivateServersAsync(string dataDirectory)
    {
        var postgresPort = LoopbackPorts.GetFree();
        var postgres = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1", Port = postgresPort, Username = "postgres", Database = "postgres",
        }.ConnectionString;
        return LaunchAsync(postgres, dataDirectory, seedDemoData: false,
        [
            $"--AppHost:Ports:{AppHostPlan.PostgresPortName}", postgresPort.ToString(),
            $"--AppHost:Ports:{AppHostPlan.RabbitMqPortName}", LoopbackPorts.GetFree().ToString(),
            $"--AppHost:Ports:{AppHostPlan.RabbitMqManagementPortName}", LoopbackPorts.GetFree().ToString(),
        ]);
    }

    /// <summary>The connection string of <paramref name="service"/>'s own database, as the AppHost gave it.</summary>
    public string DatabaseConnectionString(string service) =>
        AppHostPlan.WithDatabase(postgresServer, $"billingone_{service}");

    private static async Task<RunningSystem> LaunchAsync(
        string postgresServer, string dataDirectory, bool seedDemoData, IEnumerable<string> serverArguments)
    {
        var root = TestServers.RepositoryRoot();
        var appHostDll = Path.Combine(root, "AppHost", "bin", BuildConfiguration, "net10.0", "BillingOne.AppHost.dll");
        if (!File.Exists(appHostDll))
        {
            throw new InvalidOperationException($"{appHostDll} is missing: build the solution first.");
        }
        var gatewayPort = LoopbackPorts.GetFree();
        var gatewayGrpcPort = LoopbackPorts.GetFree();
        var dashboardPort = LoopbackPorts.GetFree();

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = root,
        };
        foreach (var argument in new[]
        {
            appHostDll,
            "--AppHost:DataDirectory", dataDirectory,
            "--AppHost:BuildConfiguration", BuildConfiguration,
            "--AppHost:Ports:gateway", gatewayPort.ToString(),
            "--AppHost:Ports:gateway-grpc", gatewayGrpcPort.ToString(),
            "--AppHost:Ports:dashboard", dashboardPort.ToString(),
            "--AppHost:Seed:AdminApiKey", AdminApiKey,
            "--AppHost:Seed:OwnerPassword", OwnerPassword,
        }.Concat(serverArguments).Concat(ProjectPortArguments())
            .Concat(seedDemoData ? [] : ["--AppHost:DemoDataScript", ""]))
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("The AppHost did not start.");
        var system = new RunningSystem(process, postgresServer, new Uri($"http://127.0.0.1:{gatewayPort}/"),
            new Uri($"http://127.0.0.1:{gatewayGrpcPort}/"), new Uri($"http://127.0.0.1:{dashboardPort}/"), dataDirectory);
        try
        {
            await system.WaitUntilAllHealthyAsync();
        }
        catch
        {
            await system.DisposeAsync();
            throw;
        }
        return system;
    }

    /// <summary>Every project gets a free port so the test run never collides with a developer's running system.</summary>
    private static IEnumerable<string> ProjectPortArguments()
    {
        string[] others = ["web", "ingestion", "ingestion-grpc", "subscription", "invoice", "reconciliation", "metering",
            "projection", "sandbox"];
        return others.SelectMany(name => new[] { $"--AppHost:Ports:{name}", LoopbackPorts.GetFree().ToString() });
    }

    /// <summary>The configuration this test run was built in, so the system runs the same build.</summary>
    public static string BuildConfiguration =>
        new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name; // bin/<Configuration>/net10.0

    public async Task<IReadOnlyList<DashboardResource>> ResourcesAsync()
    {
        using var client = new HttpClient { BaseAddress = Dashboard };
        return await client.GetFromJsonAsync<List<DashboardResource>>("api/resources", JsonSerializerOptions.Web)
            ?? [];
    }

    private async Task WaitUntilAllHealthyAsync()
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        IReadOnlyList<DashboardResource> last = [];
        while (DateTime.UtcNow < deadline)
        {
            if (appHost.HasExited)
            {
                throw new InvalidOperationException($"The AppHost exited with {appHost.ExitCode}:\n{Output}");
            }
            try
            {
                last = await ResourcesAsync();
                if (last.Count > 0 && last.All(resource => resource.IsUp))
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // The dashboard is not listening yet.
            }
            await Task.Delay(500);
        }
        throw new TimeoutException(
            $"Not every resource became healthy: {string.Join(", ", last.Select(r => $"{r.Name}={r.State}"))}\n{Output}");
    }

    /// <summary>Stops the AppHost as Ctrl+C would and returns the process ids it was supervising.</summary>
    public async Task<IReadOnlyList<int>> StopAsync()
    {
        IReadOnlyList<int> childIds = [];
        try
        {
            childIds = (await ResourcesAsync()).Where(r => r.ProcessId is not null).Select(r => r.ProcessId!.Value).ToList();
        }
        catch (HttpRequestException)
        {
            // Already stopping.
        }
        if (!appHost.HasExited)
        {
            using var interrupt = Process.Start("kill", ["-INT", appHost.Id.ToString()]);
            await interrupt!.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await appHost.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                appHost.Kill(entireProcessTree: true);
                throw new TimeoutException($"The AppHost did not stop within a minute of SIGINT.\n{Output}");
            }
        }
        return childIds;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            appHost.Dispose();
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (output)
        {
            output.AppendLine(line);
        }
    }
}

/// <summary>One row of the AppHost dashboard's <c>/api/resources</c>.</summary>
public sealed record DashboardResource(string Name, string Kind, string State, int? ProcessId, int Restarts)
{
    public bool IsUp => State is "Healthy" or "Running";
}
