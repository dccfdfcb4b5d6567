using BillingOne.AppHost.Configuration;
using BillingOne.AppHost.Resources;
using BillingOne.AppHost.Supervision;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BillingOne.AppHost.Orchestration;

/// <summary>
/// The AppHost's run: servers first, then every project from its build output with the Aspire environment,
/// wait for health, print the URLs, run the demo-data hook. On shutdown (Ctrl+C, SIGTERM) every child's
/// process tree is stopped, then the private servers.
/// </summary>
public sealed class AppHostOrchestrator(
    AppHostPlan plan,
    AppHostSecrets secrets,
    InfrastructureServers servers,
    ResourceRegistry registry,
    FailureLog failures,
    DemoDataHook demoData,
    IHostApplicationLifetime lifetime,
    ILoggerFactory loggerFactory) : BackgroundService
{
    private static readonly TimeSpan HealthProbeTimeout = TimeSpan.FromSeconds(5);

    private readonly ILogger _logger = loggerFactory.CreateLogger<AppHostOrchestrator>();
    private readonly HttpClient _healthClient = new() { Timeout = HealthProbeTimeout };
    private readonly List<SupervisedProcess> _processes = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _logger.LogInformation("Dashboard: {Dashboard} — starting PostgreSQL and RabbitMQ", plan.DashboardUri);
        InfrastructureConnections connections;
        try
        {
            connections = await servers.StartAsync(stoppingToken);
        }
        catch (InvalidOperationException exception)
        {
            _logger.LogCritical(exception, "The AppHost cannot run without its servers: {Reason}", exception.Message);
            Environment.ExitCode = 1;
            lifetime.StopApplication();
            return;
        }

        foreach (var project in plan.Projects)
        {
            var process = new SupervisedProcess(
                SpecFor(project, connections), plan.Supervision, failures, loggerFactory.CreateLogger($"BillingOne.AppHost.{project.Name}"));
            registry.Add(process);
            _processes.Add(process);
            process.Start();
        }

        var allHealthy = await WaitForHealthAsync(stoppingToken);
        StartupBanner.Print(plan, secrets, servers.RabbitMq, allHealthy ? [] : NotHealthy());
        if (allHealthy)
        {
            await demoData.RunAsync(stoppingToken);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        _logger.LogInformation("Stopping {Count} processes", _processes.Count);
        await Task.WhenAll(_processes.Select(process => process.StopAsync()));
        await servers.StopAsync();
        _healthClient.Dispose();
        _logger.LogInformation("Everything stopped");
    }

    private ProcessSpec SpecFor(ProjectLaunch project, InfrastructureConnections connections) => new(
        project.Name,
        ResourceKind.Project,
        DotnetHost(),
        [project.AssemblyPath],
        // Same as `dotnet run` and Aspire: content root (appsettings, wwwroot) is the project folder.
        project.ProjectDirectoryPath,
        ChildEnvironment.For(project, plan.Projects, connections, secrets, plan.EnvironmentName, plan.OtlpEndpoint),
        project.Urls,
        new HttpHealthProbe(_healthClient, project.HealthUri));

    /// <summary>True when every project became healthy within the start-up timeout.</summary>
    private async Task<bool> WaitForHealthAsync(CancellationToken stoppingToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(plan.Supervision.StartupTimeout);
        try
        {
            await Task.WhenAll(_processes.Select(process =>
                process.WaitUntilAsync(snapshot => snapshot.State == ResourceState.Healthy, timeout.Token)));
            return true;
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            _logger.LogWarning("Not healthy after {Timeout:g}: {Resources}. See the dashboard for their output.",
                plan.Supervision.StartupTimeout, string.Join(", ", NotHealthy()));
            return false;
        }
    }

    private List<string> NotHealthy() =>
        [.. _processes.Select(process => process.Snapshot())
            .Where(snapshot => snapshot.State != ResourceState.Healthy)
            .Select(snapshot => $"{snapshot.Name} ({snapshot.State})")];

    /// <summary>The dotnet host running the AppHost (the CLI sets DOTNET_HOST_PATH), else the one on PATH.</summary>
    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath))
        {
            return hostPath;
        }
        return Environment.ProcessPath is { } processPath && Path.GetFileNameWithoutExtension(processPath) == "dotnet"
            ? processPath
            : "dotnet";
    }
}
