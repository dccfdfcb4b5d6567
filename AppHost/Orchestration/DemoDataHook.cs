using System.Diagnostics;
using BillingOne.AppHost.Configuration;
using BillingOne.AppHost.Resources;
using Microsoft.Extensions.Logging;

namespace BillingOne.AppHost.Orchestration;

/// <summary>
/// Once every project is healthy, runs the demo-data script (<c>AppHost:DemoDataScript</c>, relative to the
/// repository) with what it needs to act as the demo organization (<see cref="EnvironmentFor"/>). The script is
/// where seeding lives, so the AppHost stays unaware of any service's API; when the file does not exist nothing is
/// seeded.
/// </summary>
public sealed class DemoDataHook(AppHostPlan plan, AppHostSecrets secrets, ILogger<DemoDataHook> logger)
{
    /// <summary>
    /// The script's environment: the gateway's and dashboard's URLs, the demo organization's admin API key (the
    /// AppHost generated it and the subscription service seeded it), the data directory, where the script may keep
    /// state of its own, and the build configuration whose output is running.
    /// </summary>
    public static IReadOnlyDictionary<string, string> EnvironmentFor(AppHostPlan plan, AppHostSecrets secrets) =>
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["BILLINGONE_GATEWAY_URL"] = plan.Project(ProjectCatalog.Gateway).Endpoint.ToString(),
            ["BILLINGONE_DASHBOARD_URL"] = plan.DashboardUri.ToString(),
            ["BILLINGONE_ADMIN_API_KEY"] = secrets.AdminApiKey,
            ["BILLINGONE_DATA_DIR"] = plan.DataDirectory,
            ["BILLINGONE_BUILD_CONFIGURATION"] = plan.BuildConfiguration,
        };

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (plan.DemoDataScript is not { } configured)
        {
            return;
        }
        var script = Path.GetFullPath(configured, plan.RepositoryRoot);
        if (!File.Exists(script))
        {
            logger.LogInformation("No demo-data script at {Script}: nothing seeded", script);
            return;
        }

        var startInfo = new ProcessStartInfo("bash")
        {
            WorkingDirectory = plan.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(script);
        foreach (var (name, value) in EnvironmentFor(plan, secrets))
        {
            startInfo.Environment[name] = value;
        }

        logger.LogInformation("Seeding demo data: {Script}", script);
        using var process = Process.Start(startInfo)!;
        process.OutputDataReceived += (_, line) => LogLine(LogLevel.Information, line.Data);
        process.ErrorDataReceived += (_, line) => LogLine(LogLevel.Warning, line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode == 0)
        {
            logger.LogInformation("Demo data seeded");
        }
        else
        {
            logger.LogError("The demo-data script {Script} failed with exit code {ExitCode}", script, process.ExitCode);
        }
    }

    private void LogLine(LogLevel level, string? line)
    {
        if (line is not null)
        {
            logger.Log(level, "[seed] {Line}", line);
        }
    }
}
