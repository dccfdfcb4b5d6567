using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using BillingOne.AppHost.Operations;
using BillingOne.Testing;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RabbitMQ.Client;
using Shouldly;

namespace BillingOne.EndToEnd.Tests;

/// <summary>What an operator sees and does on the Aspire dashboard of the running system.</summary>
[Collection(RunningSystemCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class OperatorDashboardTests(SystemFixture fixture)
{
    private RunningSystem System => fixture.System;

    [Fact]
    public void Every_resource_is_up_the_servers_and_projects_healthy()
    {
        foreach (var name in RunningSystem.Projects.Append("postgres").Append("rabbitmq"))
        {
            var snapshot = System.Snapshot(name);
            snapshot.State?.Text.ShouldBe(KnownResourceStates.Running, name);
            snapshot.HealthStatus.ShouldBe(HealthStatus.Healthy, name);
        }
        System.Snapshot("postgres-init").State?.Text.ShouldBe(KnownResourceStates.Finished);
    }

    [Fact]
    public async Task One_trace_follows_an_ingest_call_from_the_gateway_through_ingestion_and_rabbitmq_to_metering()
    {
        var run = Guid.NewGuid().ToString("N")[..10];
        using var session = await IngestSession.StartAsync(System, $"trace-{run}", $"trace-{run}-probe");
        using var telemetry = new HttpClient { BaseAddress = System.Dashboard.ShouldNotBeNull() };
        // The exporters give up on a batch the dashboard does not take within 2 s (see the AppHost), which a busy
        // machine can cause: a trace that never shows up whole is sent again with a new call. A hop that does not
        // carry the trace on fails every attempt.
        for (var attempt = 1; ; attempt++)
        {
            var traceId = await IngestOneTracedReadingAsync(session, $"trace-{run}", attempt);
            try
            {
                await Eventually.AssertAsync(async () =>
                {
                    var services = await ServicesOfTraceAsync(telemetry, traceId);
                    services.ShouldContain(("gateway", "POST /api/ingestion/readings"));
                    services.ShouldContain(("ingestion", "POST /api/ingestion/readings"));
                    services.ShouldContain(("metering", "metering-usage-readings-accepted process"));
                }, TimeSpan.FromSeconds(45));
                return;
            }
            catch (Exception lostInTransit) when (attempt < 3
                && lostInTransit is HttpRequestException { StatusCode: HttpStatusCode.NotFound } or ShouldAssertException)
            {
            }
        }
    }

    /// <summary>
    /// One reading sent as a partner's instrumented client would: the caller starts the trace and every hop must
    /// carry it on. Returns the trace's id.
    /// </summary>
    private async Task<string> IngestOneTracedReadingAsync(IngestSession session, string asset, int attempt)
    {
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        using var gateway = System.CreateAnonymousGatewayClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/ingestion/readings")
        {
            Content = UsageIngestClient.HttpBody(
                [new ReadingToSend($"{asset}-{attempt}", "e2e", asset, session.UnitTypeKey, 1.5m, DateTimeOffset.UtcNow.AddMinutes(-5))],
                IngestBody.JsonArray),
        };
        request.Headers.Authorization = new("Bearer", session.ApiKey);
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        using var ingested = await gateway.SendAsync(request);
        ingested.EnsureSuccessStatusCode();
        return traceId;
    }

    [Fact]
    public async Task The_broker_shows_each_queue_depth_and_redelivers_error_messages_to_their_queue()
    {
        await Eventually.AssertAsync(() =>
        {
            System.Snapshot("rabbitmq").Properties.Select(property => property.Name)
                .ShouldContain(RabbitMqOperationsExtensions.QueuePropertyPrefix + "metering-usage-readings-accepted");
            return Task.CompletedTask;
        }, TimeSpan.FromSeconds(30));

        // A message the projection could not handle, as MassTransit leaves it.
        var factory = new ConnectionFactory { Uri = new Uri(await System.App.GetConnectionStringAsync("rabbitmq") ?? "") };
        await using (var connection = await factory.CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync())
        {
            await channel.QueueDeclareAsync("e2e-redelivery", durable: true, exclusive: false, autoDelete: false);
            await channel.QueueDeclareAsync("e2e-redelivery_error", durable: true, exclusive: false, autoDelete: false);
            await channel.BasicPublishAsync("", "e2e-redelivery_error", Encoding.UTF8.GetBytes("{}"));
        }

        var depths = await System.App.ResourceCommands.ExecuteCommandAsync("rabbitmq", RabbitMqOperationsExtensions.QueueDepthsCommand);
        depths.Success.ShouldBeTrue(depths.Message);

        await Eventually.AssertAsync(async () =>
        {
            var moved = await System.App.ResourceCommands.ExecuteCommandAsync("rabbitmq", RabbitMqOperationsExtensions.RedeliverCommand);
            moved.Success.ShouldBeTrue(moved.Message);
            moved.Message.ShouldNotBeNull().ShouldContain("e2e-redelivery_error → e2e-redelivery (1)");
        }, TimeSpan.FromSeconds(30));
        await using (var connection = await factory.CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync())
        {
            (await channel.MessageCountAsync("e2e-redelivery")).ShouldBe(1u);
            (await channel.MessageCountAsync("e2e-redelivery_error")).ShouldBe(0u);
        }
    }

    [Fact]
    public async Task A_killed_service_process_is_started_again_and_becomes_healthy_without_a_person()
    {
        var killed = System.ServiceProcessOf("subscription");

        Process.GetProcessById(killed).Kill();

        try
        {
            await Eventually.AssertAsync(() =>
            {
                var snapshot = System.Snapshot("subscription");
                snapshot.State?.Text.ShouldBe(KnownResourceStates.Running);
                snapshot.HealthStatus.ShouldBe(HealthStatus.Healthy);
                System.ServiceProcessOf("subscription").ShouldNotBe(killed);
                return Task.CompletedTask;
            }, TimeSpan.FromMinutes(2));
        }
        catch (ShouldAssertException notBack)
        {
            // What the restarted process said is the only clue to why it did not come back.
            throw new ShouldAssertException($"{notBack.Message}\nsubscription's last lines:\n" +
                string.Join('\n', System.LogsOf("subscription").TakeLast(120)), notBack);
        }
        System.Output.ShouldContain("exited unexpectedly");
    }

    [Theory]
    [InlineData("postgres")]
    [InlineData("rabbitmq")]
    public async Task A_service_shows_unhealthy_while_its_database_or_broker_is_down_and_healthy_again_once_it_is_back(string server)
    {
        var stopped = await System.App.ResourceCommands.ExecuteCommandAsync(server, KnownResourceCommands.StopCommand);
        stopped.Success.ShouldBeTrue(stopped.Message);
        try
        {
            await Eventually.AssertAsync(() =>
            {
                System.Snapshot("metering").HealthStatus.ShouldNotBe(HealthStatus.Healthy);
                return Task.CompletedTask;
            }, TimeSpan.FromMinutes(1));
        }
        finally
        {
            var started = await System.App.ResourceCommands.ExecuteCommandAsync(server, KnownResourceCommands.StartCommand);
            started.Success.ShouldBeTrue(started.Message);
            // Back to where the other tests of the shared system expect it, whatever happened above.
            await Eventually.AssertAsync(() =>
            {
                foreach (var project in RunningSystem.Projects.Append(server))
                {
                    System.Snapshot(project).HealthStatus.ShouldBe(HealthStatus.Healthy, project);
                }
                return Task.CompletedTask;
            }, TimeSpan.FromMinutes(2));
        }
    }

    private static async Task<List<(string Service, string Span)>> ServicesOfTraceAsync(HttpClient telemetry, string traceId)
    {
        var trace = await telemetry.GetFromJsonAsync<JsonElement>($"api/telemetry/traces/{traceId}");
        return [.. Spans(trace)];
    }

    /// <summary>The spans of an OTLP JSON answer with the service that reported each.</summary>
    private static IEnumerable<(string Service, string Name)> Spans(JsonElement otlp)
    {
        foreach (var resourceSpans in otlp.GetProperty("data").GetProperty("resourceSpans").EnumerateArray())
        {
            var service = resourceSpans.GetProperty("resource").GetProperty("attributes").EnumerateArray()
                .Where(attribute => attribute.GetProperty("key").GetString() == "service.name")
                .Select(attribute => attribute.GetProperty("value").GetProperty("stringValue").GetString()!)
                .FirstOrDefault() ?? "";
            foreach (var scope in resourceSpans.GetProperty("scopeSpans").EnumerateArray())
            {
                foreach (var span in scope.GetProperty("spans").EnumerateArray())
                {
                    yield return (service, span.GetProperty("name").GetString()!);
                }
            }
        }
    }
}
