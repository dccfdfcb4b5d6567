using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using BillingOne.AppHost;
using BillingOne.Hosting;
using BillingOne.Testing;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using RabbitMQ.Client;
using Shouldly;

namespace BillingOne.EndToEnd.Tests;

/// <summary>What an operator sees and does on the Aspire dashboard of the running system.</summary>
[Collection(RunningSystemCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class OperatorDashboardTests(SystemFixture fixture)
{
    private RunningSystem System => fixture.System;

    [SystemFact]
    public Task Every_resource_is_up_the_servers_and_projects_healthy()
    {
        foreach (var name in RunningSystem.Projects.Append("postgres").Append("rabbitmq"))
        {
            var snapshot = System.Snapshot(name);
            snapshot.State?.Text.ShouldBe(KnownResourceStates.Running, name);
            snapshot.HealthStatus.ShouldBe(HealthStatus.Healthy, name);
        }
        System.Snapshot("postgres-init").State?.Text.ShouldBe(KnownResourceStates.Finished);
        return Task.CompletedTask;
    }

    [SystemFact]
    public Task Every_service_runs_with_its_runtime_login_only_after_its_migration_step_finished()
    {
        foreach (var service in RunningSystem.DatabaseServices)
        {
            var migrations = System.Snapshot(BillingOneResourceExtensions.MigrationsOf(service));
            migrations.State?.Text.ShouldBe(KnownResourceStates.Finished, service);
            migrations.ExitCode.ShouldBe(0, service);

            var environment = File.ReadAllText($"/proc/{System.ServiceProcessOf(service)}/environ").Split('\0');
            var owner = DatabaseProvisioning.OwnerRole(BillingOneResourceExtensions.DatabaseName(service));
            environment.ShouldNotContain(variable => variable.Contains(owner, StringComparison.Ordinal),
                $"{service}'s process holds its database owner's login");
            environment.ShouldNotContain(variable => variable.Contains("-migrations=", StringComparison.Ordinal), service);
            environment.ShouldContain(variable => variable.StartsWith($"ConnectionStrings__{service}db=", StringComparison.Ordinal)
                && variable.Contains(DatabaseProvisioning.AppRole(BillingOneResourceExtensions.DatabaseName(service)), StringComparison.Ordinal),
                service);
        }
        return Task.CompletedTask;
    }

    [SystemTheory]
    [InlineData("UPDATE audit_log SET action = 'forged'")]
    [InlineData("DELETE FROM audit_log")]
    [InlineData("TRUNCATE audit_log")]
    [InlineData("ALTER TABLE audit_log DISABLE TRIGGER ALL")]
    [InlineData("DROP TABLE audit_log")]
    public async Task The_only_login_a_running_service_holds_cannot_alter_its_audit_history(string tampering)
    {
        foreach (var service in RunningSystem.DatabaseServices)
        {
            // The connection string as the service process itself holds it: no other login reaches it.
            var login = File.ReadAllText($"/proc/{System.ServiceProcessOf(service)}/environ").Split('\0')
                .Single(variable => variable.StartsWith($"ConnectionStrings__{service}db=", StringComparison.Ordinal));
            await using var connection = new NpgsqlConnection(login[(login.IndexOf('=') + 1)..]);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(tampering, connection);
            await Should.ThrowAsync<PostgresException>(() => command.ExecuteNonQueryAsync(), $"{service}: {tampering}");
        }
    }

    [SystemFact]
    public async Task One_trace_follows_an_ingest_call_from_the_gateway_through_ingestion_and_rabbitmq_to_metering()
    {
        var run = Guid.NewGuid().ToString("N")[..10];
        using var session = await IngestSession.StartAsync(System, $"trace-{run}", $"trace-{run}-probe");
        using var telemetry = new HttpClient { BaseAddress = System.Dashboard.ShouldNotBeNull() };
        // The exporters give up on a batch the dashboard does not take within 2 s (see the AppHost), which a busy
        // machine can cause, for minutes once the dashboard holds many traces: a trace that never shows up whole is
        // sent again with a new call. A hop that does not carry the trace on fails every attempt.
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
                }, TimeSpan.FromSeconds(60));
                return;
            }
            catch (Exception lostInTransit) when (attempt < 5
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

    [SystemFact]
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
