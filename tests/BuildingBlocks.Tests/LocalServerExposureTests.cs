using System.Diagnostics;
using System.Text.RegularExpressions;
using BillingOne.SystemDriver;
using BillingOne.Testing;
using BillingOne.Testing.Servers;
using Shouldly;

namespace BillingOne.BuildingBlocks.Tests;

/// <summary>
/// The PostgreSQL and RabbitMQ the tests start on this machine (the same way the AppHost starts its own) are reachable
/// from this machine only: every port they listen on — PostgreSQL, AMQP, management, the Erlang distribution port
/// and the node's own epmd — is bound to loopback, never to all interfaces.
/// </summary>
[Trait("Category", "Integration")]
public sealed partial class LocalServerExposureTests
{
    [Fact]
    public async Task The_native_test_servers_listen_on_loopback_only()
    {
        if (await TestServers.GetAsync() is not NativeTestServers)
        {
            // Containers' ports are published by the engine, and external servers are someone else's: neither is ours to bind.
            return;
        }
        var serversDirectory = Path.Combine(RepositoryRoot.Find(), ".data", "test-servers");

        var listeners = (await ListeningSocketsAsync())
            .Where(listener => ProcessBelongsTo(listener.Pid, serversDirectory))
            .ToList();

        listeners.Select(listener => listener.Process).Distinct()
            .ShouldBe(["beam.smp", "epmd", "postgres"], ignoreOrder: true,
                customMessage: "expected the test PostgreSQL and RabbitMQ (with its epmd) to be listening");
        listeners.Where(listener => !IsLoopback(listener.Address))
            .Select(listener => $"{listener.Process} (pid {listener.Pid}) on {listener.Address}")
            .ShouldBeEmpty();
    }

    private static bool IsLoopback(string address) =>
        address.StartsWith("127.", StringComparison.Ordinal) || address.StartsWith("[::1]", StringComparison.Ordinal);

    /// <summary>Started for these servers: the process (or the node that started it) runs with their directory in its environment.</summary>
    private static bool ProcessBelongsTo(int pid, string directory)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/environ").Contains(directory, StringComparison.Ordinal)
                || File.ReadAllText($"/proc/{pid}/cmdline").Contains(directory, StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static async Task<List<Listener>> ListeningSocketsAsync()
    {
        using var ss = Process.Start(new ProcessStartInfo("ss", "-ltnpH") { RedirectStandardOutput = true })
            ?? throw new InvalidOperationException("ss could not be started.");
        var output = await ss.StandardOutput.ReadToEndAsync();
        await ss.WaitForExitAsync();
        return (from line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                let columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                from Match user in ProcessPattern().Matches(line)
                select new Listener(columns[3], user.Groups["name"].Value, int.Parse(user.Groups["pid"].Value)))
            .ToList();
    }

    [GeneratedRegex("""\("(?<name>[^"]+)",pid=(?<pid>\d+)""")]
    private static partial Regex ProcessPattern();

    private sealed record Listener(string Address, string Process, int Pid);
}
