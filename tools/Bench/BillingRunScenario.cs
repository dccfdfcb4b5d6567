using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using BillingOne.SystemDriver;
using Npgsql;

namespace BillingOne.Bench;

/// <param name="Elapsed">POST of the run until the first GET that shows it completed.</param>
/// <param name="Queued">Requested until the worker claimed it (the worker polls for queued runs every second).</param>
/// <param name="Computing">Claimed until the run's finished time, which it stamps before it writes: the usage
/// statement and pricing.</param>
/// <param name="Writing">The run's finished time until the bench saw it completed (within a poll): writing the billing
/// readings and committing.</param>
/// <param name="Posted">How long the POST took to answer 202.</param>
/// <param name="SlowestPoll">The slowest GET of the run's state.</param>
/// <param name="UsageWritten">The usage of each billing reading the run wrote, by bucket.</param>
public sealed record BillingRunResult(TimeSpan Elapsed, TimeSpan Queued, TimeSpan Computing, TimeSpan Writing,
    TimeSpan Posted,
    TimeSpan SlowestPoll, IReadOnlyDictionary<Guid, decimal> UsageWritten);

/// <summary>
/// Asks for a billing run through the gateway with an admin API key, as an operator's script would, and follows it
/// with <c>GET billing-runs/{id}</c> until it has completed.
/// </summary>
public sealed class BillingRunScenario : IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(30);

    private readonly HttpClient http;
    private readonly NpgsqlDataSource metering;

    private BillingRunScenario(HttpClient http, NpgsqlDataSource metering)
    {
        this.http = http;
        this.metering = metering;
    }

    /// <summary>Creates an admin API key with the demo admin key, as the ingest session creates its ingest key.</summary>
    public static async Task<BillingRunScenario> StartAsync(RunningSystem system, NpgsqlDataSource metering)
    {
        using var admin = system.CreateGatewayClient();
        using var response = await admin.PostAsJsonAsync("/api/identity/api-keys", new { name = "bench billing", role = "admin" });
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"Creating the admin key answered {(int)response.StatusCode}: {text}");
        }
        var key = JsonDocument.Parse(text).RootElement.GetProperty("key").GetString()!;
        var http = system.CreateAnonymousGatewayClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return new BillingRunScenario(http, metering);
    }

    /// <summary>Runs the month <paramref name="year"/>-<paramref name="month"/> of <paramref name="data"/>'s organization.</summary>
    public async Task<BillingRunResult> RunAsync(BillingDataSet data, int year, int month)
    {
        var clock = Stopwatch.StartNew();
        using var response = await http.PostAsJsonAsync("/api/metering/billing-runs", new { year, month });
        var run = await RunOf(response, "POST billing-runs");
        var posted = clock.Elapsed;
        var slowestPoll = TimeSpan.Zero;
        while (run.Status is "queued" or "running")
        {
            if (clock.Elapsed > RunTimeout)
            {
                throw new TimeoutException($"Billing run {run.Id} was still {run.Status} after {RunTimeout:g}.");
            }
            await Task.Delay(PollInterval);
            var polled = Stopwatch.StartNew();
            using var poll = await http.GetAsync($"/api/metering/billing-runs/{run.Id}");
            run = await RunOf(poll, "GET billing-runs/{id}");
            slowestPoll = TimeSpan.FromTicks(Math.Max(slowestPoll.Ticks, polled.Elapsed.Ticks));
        }
        var elapsed = clock.Elapsed;
        var seenCompleted = DateTimeOffset.UtcNow;
        if (run.Status != "completed")
        {
            throw new InvalidOperationException($"Billing run {run.Id} ended {run.Status}: {run.Error}");
        }
        return new BillingRunResult(elapsed, run.StartedAt!.Value - run.RequestedAt,
            run.FinishedAt!.Value - run.StartedAt.Value, seenCompleted - run.FinishedAt.Value, posted, slowestPoll,
            await UsageWrittenAsync(data.OrgId, run.Id));
    }

    private async Task<IReadOnlyDictionary<Guid, decimal>> UsageWrittenAsync(Guid orgId, Guid runId)
    {
        await using var command = metering.CreateCommand(
            "SELECT bucket_id, usage FROM billing_readings WHERE org_id = $1 AND run_id = $2");
        command.Parameters.AddWithValue(orgId);
        command.Parameters.AddWithValue(runId);
        var usage = new Dictionary<Guid, decimal>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            usage[reader.GetGuid(0)] = reader.GetDecimal(1);
        }
        return usage;
    }

    private static async Task<BillingRunState> RunOf(HttpResponseMessage response, string call)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(
                $"{call} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
        return await response.Content.ReadFromJsonAsync<BillingRunState>(JsonSerializerOptions.Web)
            ?? throw new InvalidOperationException($"{call} answered an empty body.");
    }

    public void Dispose() => http.Dispose();

    /// <summary>What the bench reads of the API's billing run.</summary>
    private sealed record BillingRunState(Guid Id, string Status, DateTimeOffset RequestedAt, DateTimeOffset? StartedAt,
        DateTimeOffset? FinishedAt, string? Error);
}
