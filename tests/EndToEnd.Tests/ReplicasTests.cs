using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;
using BillingOne.Testing;
using Npgsql;
using Shouldly;

namespace BillingOne.EndToEnd.Tests;

/// <summary>
/// A system of its own in which every service that may have replicas runs two processes (<c>AppHost:Replicas</c>),
/// since the shared one runs one process per service. Its Aspire dashboard runs too, for the tests of what an operator
/// sees there (<see cref="DashboardBrowserTests"/>, <see cref="TelemetryTests"/>): this system lives minutes, not the
/// shared one's quarter of an hour of demo seeding and tests, whose telemetry kept the dashboard busy throughout.
/// </summary>
public sealed class ReplicasSystem : BrowserSystemFixture
{
    private static readonly IReadOnlyDictionary<string, int> TwoEach = new Dictionary<string, int>
    {
        ["metering"] = 2, ["ingestion"] = 2, ["subscription"] = 2, ["invoice"] = 2, ["reconciliation"] = 2,
    };

    protected override Task<RunningSystem> StartSystemAsync() =>
        RunningSystem.StartAsync("e2e-replicas", seedDemoData: false, dashboard: true, replicas: TwoEach);
}

[CollectionDefinition(Name)]
public sealed class ReplicasSystemCollection : ICollectionFixture<ReplicasSystem>
{
    public const string Name = "replicas system";
}

/// <summary>
/// Two processes of each service that may have replicas, behind the gateway: every reading a retrying client sends is
/// stored exactly once and both processes of metering and ingestion did part of the work; vendor syncs started at
/// once through both processes of their service run one at a time, complete, and store what the vendor lists once.
/// </summary>
[Collection(ReplicasSystemCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class ReplicasTests(ReplicasSystem fixture)
{
    private const int Readings = 20_000;
    private const int ReadingsPerCall = 500;
    private const string ReadingsQueue = "metering-usage-readings-accepted";

    [SystemFact]
    public async Task Two_replicas_of_metering_and_ingestion_store_every_reading_once_and_share_the_work()
    {
        using var management = await fixture.System.RabbitMqManagementClientAsync();
        // Both metering processes listen on the readings queue before anything is sent, so both can take deliveries.
        await Eventually.AssertAsync(async () =>
            (await ConsumerConnectionsAsync(management, queue => queue == ReadingsQueue)).Count.ShouldBe(2),
            TimeSpan.FromMinutes(1));

        var run = Guid.NewGuid().ToString("N")[..10];
        using var session = await IngestSession.StartAsync(fixture.System, $"e2e-rp-{run}", $"e2e-rp-{run}-probe", maxConnections: 8);
        var observedAt = DateTimeOffset.UtcNow.AddHours(-1);
        var readings = Enumerable.Range(0, Readings)
            .Select(i => new ReadingToSend($"e2e-rp-{run}-r{i}", "e2e-agent", $"srv-{run}-{i % 200}", session.UnitTypeKey,
                1m + i % 97 / 8m, observedAt.AddSeconds(-i)))
            .ToList();
        var chunks = readings.Chunk(ReadingsPerCall).ToList();
        // A retrying client: every fifth call goes out twice at once (a timeout retried while the first is still in
        // flight, likely on the other ingestion process), and every seventh once more after its answer.
        var calls = chunks.SelectMany((chunk, index) => index % 5 == 0 ? [chunk, chunk] : new[] { chunk }).ToList();
        using var gate = new SemaphoreSlim(8);
        var answers = await Task.WhenAll(calls.Select(async chunk =>
        {
            await gate.WaitAsync();
            try
            {
                return await SendRetryingAsync(session.Client, chunk);
            }
            finally
            {
                gate.Release();
            }
        }));
        var resent = await Task.WhenAll(chunks.Where((_, index) => index % 7 == 0)
            .Select(chunk => SendRetryingAsync(session.Client, chunk)));

        // Every answer accepts every reading, retries included: which copy is stored is metering's to decide, once.
        answers.Concat(resent).SelectMany(answer => answer.Outcomes).ShouldAllBe(outcome => outcome.Status == "accepted");

        await using var metering = new NpgsqlConnection(await fixture.System.DatabaseConnectionStringAsync("metering"));
        await metering.OpenAsync();
        var pattern = $"e2e-rp-{run}-r%";
        await Eventually.AssertAsync(async () =>
            (await ScalarAsync<long>(metering, "SELECT count(*) FROM raw_readings WHERE reading_id LIKE @pattern", pattern))
                .ShouldBe(Readings), TimeSpan.FromMinutes(3));
        (await ScalarAsync<long>(metering,
                "SELECT count(DISTINCT reading_id) FROM raw_readings WHERE reading_id LIKE @pattern", pattern))
            .ShouldBe(Readings, "no reading is stored twice");
        (await ScalarAsync<decimal>(metering, "SELECT sum(quantity) FROM raw_readings WHERE reading_id LIKE @pattern", pattern))
            .ShouldBe(readings.Sum(reading => reading.Quantity));

        // Both metering processes took deliveries from the readings queue.
        var meteringConnections = await ConsumerConnectionsAsync(management, queue => queue == ReadingsQueue);
        await Eventually.AssertAsync(async () =>
        {
            var delivered = await ChannelStatAsync(management, "deliver_get");
            meteringConnections.ShouldAllBe(connection => delivered.GetValueOrDefault(connection) > 0,
                $"deliveries by connection: {Describe(delivered)}");
        });
        // Both ingestion processes are on the broker, and together they published every accepted call's batch. Which
        // process publishes a row is up to timing: their outbox relays share one table with SKIP LOCKED, so a relay
        // kept awake by its own calls may take the other process's rows too (seen on a loaded machine).
        var ingestionConnections = await ConsumerConnectionsAsync(management,
            queue => queue.StartsWith("ingestion-", StringComparison.Ordinal));
        ingestionConnections.Count.ShouldBe(2);
        await Eventually.AssertAsync(async () =>
        {
            var published = await ChannelStatAsync(management, "publish");
            ingestionConnections.Sum(connection => published.GetValueOrDefault(connection))
                .ShouldBeGreaterThanOrEqualTo(chunks.Count, $"publishes by connection: {Describe(published)}");
        });
    }

    [SystemTheory]
    [InlineData("subscription", "pax8")]
    [InlineData("reconciliation", "rmm")]
    [InlineData("reconciliation", "synergy")]
    [InlineData("invoice", "superops")]
    public async Task Syncs_started_at_once_through_two_replicas_run_one_at_a_time_and_store_the_vendor_world_once(
        string service, string integration)
    {
        using var management = await fixture.System.RabbitMqManagementClientAsync();
        // Both processes of the service are connected to the broker, so the gateway's connections reach either.
        await Eventually.AssertAsync(async () =>
            (await ConsumerConnectionsAsync(management, queue => queue.StartsWith($"{service}-", StringComparison.Ordinal)))
                .Count.ShouldBe(2), TimeSpan.FromMinutes(1));
        using var api = fixture.System.CreateGatewayClient();

        // Eight starts at once over connections of their own: the one-active-run rule holds across the processes, so
        // every start answers the run it queued or the run already queued or running.
        var starts = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            using var caller = fixture.System.CreateGatewayClient();
            using var started = await caller.PostAsJsonAsync($"/api/{service}/integrations/{integration}/sync", new { });
            var body = await started.Content.ReadFromJsonAsync<JsonElement>();
            started.StatusCode.ShouldBeOneOf([HttpStatusCode.Accepted, HttpStatusCode.Conflict], body.ToString());
            return started.StatusCode == HttpStatusCode.Accepted
                ? body.GetProperty("id").GetGuid()
                : body.GetProperty("runId").GetGuid();
        }));
        var runs = new List<JsonElement>();
        foreach (var runId in starts.Distinct())
        {
            var run = await Eventually.ReturnsAsync(
                () => api.GetFromJsonAsync<JsonElement>($"/api/{service}/integrations/sync-runs/{runId}"),
                found => found.GetProperty("status").GetString() is "completed" or "failed",
                $"the {integration} run {runId} to finish", TimeSpan.FromMinutes(3));
            run.GetProperty("status").GetString().ShouldBe("completed", run.ToString());
            runs.Add(run);
        }
        runs.Sum(run => Changes(run, "added")).ShouldBeGreaterThan(0, "the first run brings the vendor's items in");

        // The vendor's world did not move (the sandbox changes only when asked): a further sync finds nothing to add,
        // change or remove, so the runs before stored each item once.
        var again = await GatewayCallers.SyncAsync(api, service, integration);
        (Changes(again, "added") + Changes(again, "changed") + Changes(again, "removed")).ShouldBe(0, again.ToString());

        // No run was failed as interrupted by the other process's sweep while it was being worked on.
        var listed = await api.GetFromJsonAsync<JsonElement>($"/api/{service}/integrations/{integration}/sync-runs?pageSize=50");
        listed.GetProperty("items").EnumerateArray().Select(run => run.GetProperty("status").GetString())
            .ShouldNotContain("failed", listed.ToString());
    }

    /// <summary>A sync run's count of one kind of change (added, changed, removed) over every part of its breakdown.</summary>
    private static int Changes(JsonElement run, string kind) => run.GetProperty("breakdown").EnumerateObject()
        .Where(part => part.Value.ValueKind == JsonValueKind.Object)
        .Sum(part => part.Value.TryGetProperty(kind, out var count) && count.ValueKind == JsonValueKind.Number ? count.GetInt32() : 0);

    /// <summary>Sends a call again, as a client would, when the system answers that it is busy or unavailable.</summary>
    private static async Task<IngestAnswer> SendRetryingAsync(UsageIngestClient client, IReadOnlyList<ReadingToSend> chunk)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await client.SendHttpAsync(chunk, IngestBody.Ndjson);
            }
            catch (HttpRequestException exception) when (attempt < 10 && exception.StatusCode
                is null or HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt));
            }
        }
    }

    /// <summary>The RabbitMQ management API with the broker's own credentials (those of its AMQP connection string).</summary>
    /// <summary>The connections (one per process) consuming from the queues <paramref name="queue"/> selects.</summary>
    private static async Task<IReadOnlySet<string>> ConsumerConnectionsAsync(HttpClient management, Func<string, bool> queue)
    {
        using var consumers = JsonDocument.Parse(await management.GetStringAsync("api/consumers"));
        return consumers.RootElement.EnumerateArray()
            .Where(consumer => queue(consumer.GetProperty("queue").GetProperty("name").GetString()!))
            .Select(consumer => consumer.GetProperty("channel_details").GetProperty("connection_name").GetString()!)
            .ToHashSet();
    }

    /// <summary>A counter of <c>message_stats</c> summed over each connection's channels.</summary>
    private static async Task<Dictionary<string, long>> ChannelStatAsync(HttpClient management, string stat)
    {
        using var channels = JsonDocument.Parse(await management.GetStringAsync("api/channels"));
        return channels.RootElement.EnumerateArray()
            .GroupBy(channel => channel.GetProperty("connection_details").GetProperty("name").GetString()!)
            .ToDictionary(connection => connection.Key, connection => connection.Sum(channel =>
                channel.TryGetProperty("message_stats", out var stats) && stats.TryGetProperty(stat, out var count)
                    ? count.GetInt64()
                    : 0));
    }

    private static string Describe(Dictionary<string, long> counts) =>
        string.Join(", ", counts.Select(count => $"{count.Key}={count.Value}"));

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, string pattern)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("pattern", pattern);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
