using System.ComponentModel;
using System.Diagnostics;

namespace BillingOne.Hosting;

/// <summary>Whether a container engine is there for containers (the AppHost's servers, Testcontainers in tests).</summary>
public static class ContainerEngine
{
    /// <summary>
    /// True when <c>docker info</c> succeeds within <paramref name="timeout"/>: false without a docker client, without
    /// an engine, or with one that does not answer in time (a stuck engine must not stall the test run).
    /// </summary>
    /// <param name="host">The engine to ask (docker's <c>--host</c>); null for docker's own choice (DOCKER_HOST, context).</param>
    public static bool Answers(TimeSpan timeout, string? host = null)
    {
        var start = new ProcessStartInfo("docker")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (host is not null)
        {
            start.ArgumentList.Add("--host");
            start.ArgumentList.Add(host);
        }
        start.ArgumentList.Add("info");
        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception)
        {
            return false; // no docker client
        }
        // Read and drop the output: a full pipe would block docker before it exits.
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            return false;
        }
        return process.ExitCode == 0;
    }
}
