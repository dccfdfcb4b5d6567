using System.Diagnostics;
using BillingOne.AppHost.Configuration;
using BillingOne.AppHost.Resources;
using Microsoft.Extensions.Logging;

namespace BillingOne.AppHost.Orchestration;

/// <summary>
/// Once every project is healthy, runs the demo-data script (<c>AppHost:DemoDataScript</c>, relative to the
/// repository) with the gateway's URL in <c>BILLINGONE_GATEWAY_URL</c>. The script is where seeding lives, so
/// the AppHost stays unaware of any service's API; when the file does not exist nothing is seeded.
/// </summary>
public sealed class DemoDataHook(AppHostPlan plan, ILogger<DemoDataHook> logger)
{
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
        startInfo.Environment["BILLINGONE_GATEWAY_URL"] = plan.Project(ProjectCatalog.Gateway).Endpoint.ToString();
        startInfo.Environment["BILLINGONE_DASHBOARD_URL"] = plan.DashboardUri.ToString();

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
