using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BillingOne.BuildingBlocks.Http.Idempotency;
using BillingOne.BuildingBlocks.Messaging;
using BillingOne.BuildingBlocks.Outages;
using BillingOne.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Shouldly;

namespace BillingOne.BuildingBlocks.Tests.Outages;

/// <summary>
/// While PostgreSQL or RabbitMQ is out of reach a service answers 503 problem+json with <c>Retry-After</c> (never
/// 500), its <c>/health</c>, which the AppHost polls, reports the dependency that is down, and its <c>/ready</c> takes it
/// out of its Service.
/// </summary>
[Trait("Category", "Integration")]
public sealed class OutageTests(OutageHost host) : IClassFixture<OutageHost>
{
    private static readonly TimeSpan BrokerReconnectBound = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_read_while_the_database_is_unreachable_is_a_503_problem_with_retry_after()
    {
        using var client = host.CreateClient();
        host.DatabaseLink.Cut();
        try
        {
            using var response = await client.GetAsync("/api/probe/counters");

            await ShouldBeOutageAsync(response);
        }
        finally
        {
            host.DatabaseLink.Restore();
        }
        await Eventually.AssertAsync(async () =>
            (await client.GetAsync("/api/probe/counters")).StatusCode.ShouldBe(HttpStatusCode.OK));
    }

    [Fact]
    public async Task A_change_while_the_database_is_unreachable_is_a_503_and_its_retry_with_the_same_key_succeeds()
    {
        using var client = host.CreateClient();
        var key = Guid.NewGuid().ToString();
        host.DatabaseLink.Cut();
        try
        {
            using var response = await client.SendAsync(PostCounter(key));

            await ShouldBeOutageAsync(response);
        }
        finally
        {
            host.DatabaseLink.Restore();
        }
        await Eventually.AssertAsync(async () =>
            (await client.SendAsync(PostCounter(key))).StatusCode.ShouldBe(HttpStatusCode.Created));
    }

    [Fact]
    public async Task Health_reports_the_database_unhealthy_while_it_is_unreachable()
    {
        using var client = host.CreateClient();
        host.DatabaseLink.Cut();
        try
        {
            var report = await HealthAsync(client);

            report.Status.ShouldBe(HttpStatusCode.ServiceUnavailable);
            report.Checks["postgresql"].ShouldBe("Unhealthy");
            // No request could be served: the readiness probe takes the process out of its Service.
            using var readiness = await client.GetAsync("/ready");
            readiness.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        }
        finally
        {
            host.DatabaseLink.Restore();
        }
        await Eventually.AssertAsync(async () => (await HealthAsync(client)).Status.ShouldBe(HttpStatusCode.OK));
    }

    [Fact]
    public async Task Health_reports_the_bus_unhealthy_while_the_broker_is_unreachable_and_healthy_once_it_is_back()
    {
        using var client = host.CreateClient();
        host.BrokerLink.Cut();
        try
        {
            // The bus notices the lost connection asynchronously (the socket reset, at the latest its heartbeat).
            await Eventually.AssertAsync(async () =>
            {
                var report = await HealthAsync(client);
                report.Status.ShouldBe(HttpStatusCode.ServiceUnavailable);
                report.Checks.ShouldContainKey(MessagingExtensions.BrokerHealthCheckName);
                report.Checks[MessagingExtensions.BrokerHealthCheckName].ShouldBe("Unhealthy");
                report.Checks["postgresql"].ShouldBe("Healthy");
                using var readiness = await client.GetAsync("/ready");
                readiness.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            });
        }
        finally
        {
            host.BrokerLink.Restore();
        }
        await Eventually.AssertAsync(async () => (await HealthAsync(client)).Status.ShouldBe(HttpStatusCode.OK),
            BrokerReconnectBound);
    }

    [Fact]
    public void Readiness_runs_only_the_checks_of_the_database_and_the_broker()
    {
        var registrations = host.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations;

        registrations.Where(check => check.Tags.Contains(ServiceDefaultsExtensions.ReadinessTag))
            .Select(check => check.Name)
            .ShouldBe(["postgresql", MessagingExtensions.BrokerHealthCheckName], ignoreOrder: true);
        // MassTransit's own bus check still shows on /health.
        registrations.Select(check => check.Name).ShouldContain("masstransit-bus");
    }

    private static HttpRequestMessage PostCounter(string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/probe/counters") { Content = JsonContent.Create(new { }) };
        request.Headers.TryAddWithoutValidation(IdempotencyKey.HeaderName, key);
        return request;
    }

    private static async Task ShouldBeOutageAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        response.Headers.RetryAfter?.Delta.ShouldBe(InfrastructureOutage.RetryAfter);
        var body = await response.Content.ReadAsStringAsync();
        using var problem = JsonDocument.Parse(body);
        problem.RootElement.GetProperty("status").GetInt32().ShouldBe(503);
        problem.RootElement.GetProperty("detail").GetString().ShouldBe(InfrastructureOutage.Detail);
        // Nothing from the server's internals: no driver, no address, no exception text.
        body.ShouldNotContain("Npgsql", Case.Insensitive);
        body.ShouldNotContain("127.0.0.1");
        body.ShouldNotContain("Exception", Case.Insensitive);
    }

    private static async Task<HealthReport> HealthAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/health");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var checks = body.RootElement.GetProperty("checks").EnumerateArray().ToDictionary(
            check => check.GetProperty("name").GetString()!, check => check.GetProperty("status").GetString()!);
        return new HealthReport(response.StatusCode, checks);
    }

    private sealed record HealthReport(HttpStatusCode Status, IReadOnlyDictionary<string, string> Checks);
}
