using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using BillingOne.Testing;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Shouldly;

namespace BillingOne.EndToEnd.Tests;

/// <summary>What the fault tests check once a fault is over: the system answers as before, by itself.</summary>
public static class SystemRecovery
{
    /// <summary>How soon every service must answer again after a fault (docs/reliability.md).</summary>
    public static readonly TimeSpan ServicesBack = TimeSpan.FromSeconds(60);

    /// <summary>How soon a crashed server must run again, started by the AppHost (docs/reliability.md).</summary>
    public static readonly TimeSpan ServerBack = TimeSpan.FromSeconds(30);

    /// <summary>A read each service answers from its own database.</summary>
    private static readonly string[] ServiceReads =
    [
        "/api/identity/organization",
        "/api/ingestion/suppressions",
        "/api/subscription/clients?pageSize=1",
        "/api/invoice/invoices?pageSize=1",
        "/api/reconciliation/devices?pageSize=1",
        "/api/metering/buckets?pageSize=1",
        "/api/projection/dashboard",
    ];

    /// <summary>
    /// Within <see cref="ServicesBack"/>: the servers and every project healthy, and every service answering an
    /// authenticated read through the gateway.
    /// </summary>
    public static Task EveryServiceAnswersAsync(RunningSystem system) => Eventually.AssertAsync(async () =>
    {
        foreach (var resource in RunningSystem.Projects.Append("postgres").Append("rabbitmq"))
        {
            system.Snapshot(resource).HealthStatus.ShouldBe(HealthStatus.Healthy, resource);
        }
        using var api = system.CreateGatewayClient();
        foreach (var path in ServiceReads)
        {
            using var answer = await api.GetAsync(path);
            answer.StatusCode.ShouldBe(HttpStatusCode.OK, path);
        }
    }, ServicesBack);

    /// <summary>
    /// An operator's Stop of a server, done once its state is a stopped one. Aspire's command waits only a few seconds
    /// for that state and reports a failure when DCP's stop (SIGTERM, then the server's own clean shutdown) takes longer,
    /// which it does on a loaded machine: the server is stopping all the same, so the state is what counts. When the
    /// shutdown outlasts DCP's own limit (PostgreSQL's shutdown checkpoint on a busy disk), DCP kills what is left and,
    /// unable to confirm the exit in time, reports the state "Unknown", which Aspire treats as stopped (Start is
    /// offered): then every process the server ran must be gone (docs/reliability.md, Stopping a server under load).
    /// </summary>
    public static async Task StopServerAsync(RunningSystem system, string server)
    {
        var processes = system.ProcessTreeOf(server);
        await CommandUntilStateAsync(system, server, KnownResourceCommands.StopCommand,
            state => KnownResourceStates.TerminalStates.Contains(state)
                || (state == UnconfirmedStop && processes.All(HasExited)));
    }

    /// <summary>DCP's state for a process whose stop it could not confirm in time.</summary>
    private const string UnconfirmedStop = "Unknown";

    private static bool HasExited(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }

    /// <summary>An operator's Start of a stopped server, done once it runs again (see <see cref="StopServerAsync"/>).</summary>
    public static Task StartServerAsync(RunningSystem system, string server) =>
        CommandUntilStateAsync(system, server, KnownResourceCommands.StartCommand,
            state => state == KnownResourceStates.Running);

    private static async Task CommandUntilStateAsync(
        RunningSystem system, string server, string command, Func<string?, bool> reached)
    {
        var result = await system.App.ResourceCommands.ExecuteCommandAsync(server, command);
        await Eventually.AssertAsync(() =>
        {
            var state = system.Snapshot(server).State?.Text;
            reached(state).ShouldBeTrue($"{command} {server}: state {state}; the command answered " +
                $"{(result.Success ? "success" : result.Message)}");
            return Task.CompletedTask;
        }, ServerBack);
    }

    /// <summary>The <c>_error</c> queues that hold messages, with how many.</summary>
    public static async Task<IReadOnlyDictionary<string, long>> ErrorQueueMessagesAsync(RunningSystem system)
    {
        using var management = await system.RabbitMqManagementClientAsync();
        using var queues = JsonDocument.Parse(await management.GetStringAsync("api/queues"));
        return queues.RootElement.EnumerateArray()
            .Select(queue => (Name: queue.GetProperty("name").GetString()!,
                Messages: queue.TryGetProperty("messages", out var messages) ? messages.GetInt64() : 0))
            .Where(queue => queue.Name.EndsWith("_error", StringComparison.Ordinal) && queue.Messages > 0)
            .ToDictionary(queue => queue.Name, queue => queue.Messages);
    }
}
