using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Shouldly;

namespace BillingOne.BuildingBlocks.Tests.Health;

/// <summary>
/// <c>/ready</c>, which the orchestrator's readiness probe reads, takes a process out of its Service only while a
/// dependency every request needs is Unhealthy; <c>/health</c>, the dashboard's full report, answers 503 for anything
/// less than Healthy. A degraded process (a backlog refused with 429, a queue left without consumer) keeps serving.
/// </summary>
[Trait("Category", "Unit")]
public sealed class ReadinessTests : IAsyncLifetime
{
    private readonly SwitchableCheck dependency = new();
    private readonly SwitchableCheck backlog = new();
    private WebApplication app = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.AddServiceDefaults();
        builder.Services.AddHealthChecks()
            .AddCheck("dependency", dependency, tags: [ServiceDefaultsExtensions.ReadinessTag])
            .AddCheck("backlog", backlog);
        app = builder.Build();
        app.MapDefaultEndpoints();
        await app.StartAsync();
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Theory]
    [InlineData(HealthStatus.Healthy, HealthStatus.Healthy, HttpStatusCode.OK, HttpStatusCode.OK)]
    // Ingestion refusing calls for backpressure: callers get its 429 and Retry-After, not the Service's 503.
    [InlineData(HealthStatus.Healthy, HealthStatus.Degraded, HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable)]
    // The broker reachable but a queue without consumer: requests are still served.
    [InlineData(HealthStatus.Degraded, HealthStatus.Healthy, HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable)]
    // A check that is no request's dependency never takes the process out.
    [InlineData(HealthStatus.Healthy, HealthStatus.Unhealthy, HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable)]
    // The database or broker out of reach: no request could be served.
    [InlineData(HealthStatus.Unhealthy, HealthStatus.Degraded, HttpStatusCode.ServiceUnavailable,
        HttpStatusCode.ServiceUnavailable)]
    public async Task Ready_answers_503_only_while_a_dependency_is_unhealthy_and_health_for_anything_less_than_healthy(
        HealthStatus dependencyStatus, HealthStatus backlogStatus, HttpStatusCode ready, HttpStatusCode health)
    {
        dependency.Status = dependencyStatus;
        backlog.Status = backlogStatus;
        using var client = app.GetTestClient();

        using var readiness = await client.GetAsync("/ready");
        using var report = await client.GetAsync("/health");

        readiness.StatusCode.ShouldBe(ready);
        (await readiness.Content.ReadAsStringAsync()).ShouldBe(dependencyStatus.ToString());
        report.StatusCode.ShouldBe(health);
        using var entries = JsonDocument.Parse(await report.Content.ReadAsStringAsync());
        entries.RootElement.GetProperty("checks").EnumerateArray()
            .Where(check => check.GetProperty("name").GetString() is "dependency" or "backlog")
            .ToDictionary(check => check.GetProperty("name").GetString()!, check => check.GetProperty("status").GetString())
            .ShouldBe(new Dictionary<string, string?>
            {
                ["dependency"] = dependencyStatus.ToString(),
                ["backlog"] = backlogStatus.ToString(),
            }, ignoreOrder: true);
    }

    [Fact]
    public async Task Alive_stays_200_while_a_dependency_is_unhealthy()
    {
        dependency.Status = HealthStatus.Unhealthy;
        using var client = app.GetTestClient();

        using var alive = await client.GetAsync("/alive");

        alive.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private sealed class SwitchableCheck : IHealthCheck
    {
        public HealthStatus Status { get; set; } = HealthStatus.Healthy;

        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context,
            CancellationToken cancellationToken = default) =>
            Task.FromResult(new HealthCheckResult(Status, $"switched to {Status}"));
    }
}
