using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BillingOne.SystemDriver;
using Npgsql;

namespace BillingOne.Bench;

/// <summary>One "recalculate all projections" through the gateway: as the bench saw it and as the service timed it.</summary>
/// <param name="Elapsed">POST sent until its answer was read.</param>
/// <param name="ServiceMilliseconds">The service's own figure (its transaction, without the HTTP hops).</param>
public sealed record RecalculationRun(TimeSpan Elapsed, long ServiceMilliseconds, int Projected, int BacktestPeriodsComputed);

/// <param name="Missing">Page calls the build does not offer yet (404), not timed.</param>
public sealed record AnalyticsFigures(
    AnalyticsDataSet Data,
    IReadOnlyList<RecalculationRun> Recalculations,
    int CallsPerRequest,
    IReadOnlyList<PageCallFigures> Rows,
    IReadOnlyList<PageCall> Missing,
    IReadOnlyDictionary<string, double> CpuSeconds,
    double LoadAverageBefore,
    double LoadAverageAfter);

/// <summary>
/// The analytics scenario (issue #18): 10,000 buckets × 13 periods in the projection, every projection recalculated
/// through the gateway (the first time computing the backtest errors of the seeded finalized periods too), then each API
/// call of the metering analytics pages timed through the gateway against straight to the projection, as the pages
/// scenario does.
/// </summary>
public static class AnalyticsBenchmark
{
    /// <summary>Projections for all buckets recalculate in under this (issue #18).</summary>
    public const double TargetRecalculationSeconds = 10;

    /// <summary>The first recalculation computes the seeded periods' backtest errors; the others are the hourly pass's.</summary>
    private const int Recalculations = 3;

    private const int PageSize = 25;

    private const string RecalculatePath = "/api/projection/usage-projections/recalculate";

    public static async Task<string> RunAsync(RunningSystem system, BenchOptions options)
    {
        using var gateway = system.CreateGatewayClient();
        var organization = await gateway.GetFromJsonAsync<JsonElement>("/api/identity/organization");
        var orgId = organization.GetProperty("id").GetGuid();
        await using var projection = NpgsqlDataSource.Create(await system.DatabaseConnectionStringAsync("projection"));
        Console.WriteLine($"Writing {options.Buckets:N0} buckets × {AnalyticsDataSet.FinalizedPeriods + 1} periods into the projection...");
        var data = await AnalyticsDataSet.LoadAsync(projection, orgId, options.Buckets);
        Console.WriteLine($"  {data.Rows:N0} rows of {data.Clients.Count:N0} clients in {data.LoadedIn.TotalSeconds:F1} s");

        using var recalculating = await PagesBenchmark.AdminKeyClientAsync(system, gateway, "bench analytics recalculate");
        recalculating.Timeout = TimeSpan.FromMinutes(10);
        var runs = new List<RecalculationRun>();
        for (var run = 0; run < Recalculations; run++)
        {
            runs.Add(await RecalculateAsync(recalculating));
            Console.WriteLine(FormattableString.Invariant(
                $"  recalculation {run + 1}: {runs[^1].Elapsed.TotalSeconds:F1} s ({runs[^1].Projected:N0} projected, {runs[^1].BacktestPeriodsComputed:N0} backtest periods computed)"));
        }

        using var direct = new DirectServiceClients(system, orgId);
        var available = new List<(PageCall Call, HttpClient Gateway)>();
        var missing = new List<PageCall>();
        foreach (var call in Calls(data))
        {
            using var probe = await direct.For(call.Service).GetAsync(call.Path(0));
            if (probe.StatusCode == HttpStatusCode.NotFound)
            {
                missing.Add(call);
                continue;
            }
            probe.EnsureSuccessStatusCode();
            available.Add((call, await PagesBenchmark.AdminKeyClientAsync(system, gateway,
                $"bench analytics {available.Count + 1}")));
        }

        Console.WriteLine($"Warming up ({PagesBenchmark.WarmUpCalls} calls per request and path, unmeasured)...");
        foreach (var (call, keyClient) in available)
        {
            await PagesBenchmark.TimeAsync(call, keyClient, direct.For(call.Service), PagesBenchmark.WarmUpCalls);
        }
        var loadBefore = MachineLoad.OneMinute();
        Console.WriteLine($"{options.Calls} calls per request and path, through the gateway and straight in turn...");
        var (rows, cpuSeconds) = await ProcessCpu.MeasureAsync(system.DataDirectory, async () =>
        {
            var measured = new List<PageCallFigures>();
            foreach (var (call, keyClient) in available)
            {
                measured.Add(await PagesBenchmark.TimeAsync(call, keyClient, direct.For(call.Service), options.Calls));
                Console.WriteLine(FormattableString.Invariant(
                    $"  {call.Page} {call.Request}: p95 {measured[^1].Gateway.P95:F0} ms (direct {measured[^1].Direct.P95:F0} ms)"));
            }
            return measured;
        });
        var loadAfter = MachineLoad.OneMinute();
        available.ForEach(pair => pair.Gateway.Dispose());
        return BenchmarkReport.RenderAnalytics(new AnalyticsFigures(data, runs, options.Calls, rows, missing, cpuSeconds,
            loadBefore, loadAfter), DateTimeOffset.UtcNow);
    }

    /// <summary>
    /// The calls the Projections page, the Dashboard's Usage Billing section, the Over/Under page and a client's Billing
    /// Buckets make as they open, with the web UI's default queries, plus their filters and exports. Calls for a client
    /// and searches go round the clients.
    /// </summary>
    public static IReadOnlyList<PageCall> Calls(AnalyticsDataSet data)
    {
        var clients = data.Clients;
        Guid Client(int n) => clients[n * 7 % clients.Count].ClientId;
        // "Client 0123": the number's first three digits, as someone types part of a name.
        string Term(int n) => Uri.EscapeDataString(clients[n * 7 % clients.Count].Name[7..10]);
        const string Projections = "/api/projection/usage-projections";
        const string OverUnder = "/api/projection/over-under";
        var projectionList = $"sort=projected-cost&direction=desc&page=1&pageSize={PageSize}";
        var clientList = $"sort=client&direction=asc&page=1&pageSize={PageSize}";
        return
        [
            new("Projections", $"GET {Projections} (by projected cost, page 1)", "projection",
                _ => $"{Projections}?{projectionList}"),
            new("Projections", "GET …/usage-projections/summary", "projection", _ => $"{Projections}/summary"),
            new("Projections", "GET …/usage-projections/backtest", "projection", _ => $"{Projections}/backtest"),
            new("Projections", "… status over-commit", "projection", _ => $"{Projections}?status=over-commit&{projectionList}"),
            new("Projections", "… searching a name", "projection", n => $"{Projections}?search={Term(n)}&{projectionList}"),
            new("Projections", "GET …/usage-projections/export (CSV, every bucket)", "projection",
                _ => $"{Projections}/export"),
            new("Client (Billing Buckets)", "GET …/usage-projections?clientId= (pageSize 200)", "projection",
                n => $"{Projections}?clientId={Client(n)}&pageSize=200"),
            new("Dashboard", "GET /api/projection/usage-dashboard", "projection", _ => "/api/projection/usage-dashboard"),
            new("Over/Under", "GET …/over-under/summary", "projection", _ => $"{OverUnder}/summary"),
            new("Over/Under", "GET …/over-under/clients (by client, page 1)", "projection", _ => $"{OverUnder}/clients?{clientList}"),
            new("Over/Under", "… status under-commit", "projection", _ => $"{OverUnder}/clients?status=under-commit&{clientList}"),
            new("Over/Under", "… by overage", "projection",
                _ => $"{OverUnder}/clients?sort=overage&direction=desc&page=1&pageSize={PageSize}"),
            new("Over/Under", "GET …/over-under/trend?periods=12", "projection", _ => $"{OverUnder}/trend?periods=12"),
            new("Over/Under", "GET …/over-under/right-size?limit=10", "projection", _ => $"{OverUnder}/right-size?limit=10"),
            new("Over/Under", "GET …/over-under/unit-types", "projection", _ => $"{OverUnder}/unit-types"),
            new("Over/Under", "GET …/over-under/clients/export (CSV)", "projection", _ => $"{OverUnder}/clients/export"),
        ];
    }

    private static async Task<RecalculationRun> RecalculateAsync(HttpClient http)
    {
        var clock = Stopwatch.StartNew();
        using var response = await http.PostAsync(RecalculatePath, null);
        var body = await response.Content.ReadAsStringAsync();
        var elapsed = clock.Elapsed;
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"POST {RecalculatePath} answered {(int)response.StatusCode}: {body}");
        }
        var answer = JsonDocument.Parse(body).RootElement;
        return new RecalculationRun(elapsed, answer.GetProperty("elapsedMilliseconds").GetInt64(),
            answer.GetProperty("projected").GetInt32(), answer.GetProperty("backtestPeriodsComputed").GetInt32());
    }
}
