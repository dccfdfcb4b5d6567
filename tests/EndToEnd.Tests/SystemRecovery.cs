using System.Net;
using System.Text.Json;
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
