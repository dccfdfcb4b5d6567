using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BillingOne.Testing;
using Shouldly;

namespace BillingOne.EndToEnd.Tests;

/// <summary>
/// What an operator follows on the Aspire dashboard's traces: one call across the services. On the system with replicas,
/// the one whose dashboard runs (see <see cref="ReplicasSystem"/>), so the trace also crosses whichever process of each
/// service took the call.
/// </summary>
[Collection(ReplicasSystemCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class TelemetryTests(ReplicasSystem fixture)
{
    private RunningSystem System => fixture.System;

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
