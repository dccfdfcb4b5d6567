using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Net.Client;

namespace BillingOne.SystemDriver;

/// <summary>
/// What a partner needs to push usage into a running system: an API key with the ingest role and a unit type that
/// ingestion already knows (unit types reach ingestion as events, so a new one is usable a moment after creation).
/// </summary>
public sealed class IngestSession : IDisposable
{
    private readonly HttpClient http;
    private readonly GrpcChannel channel;

    private IngestSession(HttpClient http, GrpcChannel channel, string apiKey, string unitTypeKey)
    {
        this.http = http;
        this.channel = channel;
        ApiKey = apiKey;
        UnitTypeKey = unitTypeKey;
        Client = new UsageIngestClient(http, channel, apiKey);
    }

    public string ApiKey { get; }

    public string UnitTypeKey { get; }

    public UsageIngestClient Client { get; }

    /// <summary>
    /// Creates the unit type <paramref name="unitTypeKey"/> (sum aggregation) and an ingest key with the demo admin key,
    /// then waits until a probe reading (id <paramref name="probeReadingId"/>) is accepted.
    /// </summary>
    public static async Task<IngestSession> StartAsync(
        RunningSystem system, string unitTypeKey, string probeReadingId, int maxConnections = 16)
    {
        using (var admin = system.CreateGatewayClient())
        {
            await PostAsync(admin, "/api/metering/unit-types", new
            {
                key = unitTypeKey,
                name = $"Unit type {unitTypeKey}",
                basePrice = 10m,
                overagePrice = 0.05m,
                currency = "USD",
                aggregation = "sum",
            });
            var key = await PostAsync(admin, "/api/identity/api-keys", new { name = $"ingest {unitTypeKey}", role = "ingest" });
            var apiKey = key.GetProperty("key").GetString()!;

            var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = maxConnections })
            {
                BaseAddress = system.Gateway,
                Timeout = TimeSpan.FromMinutes(2),
            };
            var channel = GrpcChannel.ForAddress(system.GatewayGrpc, new GrpcChannelOptions
            {
                MaxSendMessageSize = 16 * 1024 * 1024,
                MaxReceiveMessageSize = 16 * 1024 * 1024,
            });
            var session = new IngestSession(http, channel, apiKey, unitTypeKey);
            await session.WaitUntilUnitTypeIsKnownAsync(probeReadingId);
            return session;
        }
    }

    private async Task WaitUntilUnitTypeIsKnownAsync(string probeReadingId)
    {
        var probe = new ReadingToSend(probeReadingId, "probe", "probe-asset", UnitTypeKey, 1m, DateTimeOffset.UtcNow);
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            var answer = await Client.SendHttpAsync([probe], IngestBody.JsonArray);
            if (answer.Outcomes[0].Status is "accepted" or "duplicate")
            {
                return;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(
                    $"Ingestion did not learn unit type '{UnitTypeKey}' within a minute: {answer.Outcomes[0].Reason}");
            }
            await Task.Delay(250);
        }
    }

    private static async Task<JsonElement> PostAsync(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"POST {path} answered {(int)response.StatusCode}: {text}");
        }
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public void Dispose()
    {
        channel.Dispose();
        http.Dispose();
    }
}
