using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;
using BillingOne.SystemDriver;

namespace BillingOne.Bench;

/// <summary>
/// One API call a licence page makes when it opens, with the query the page sends by default (or the one a filter
/// sends). <paramref name="Path"/> answers the request of the n-th call, so calls can vary the client.
/// </summary>
/// <param name="Service">The AppHost resource that owns the path, for the direct baseline.</param>
public sealed record PageCall(string Page, string Request, string Service, Func<int, string> Path);

/// <summary>A page call's latencies through the gateway and straight to its service.</summary>
public sealed record PageCallFigures(PageCall Call, LatencySummary Gateway, LatencySummary Direct)
{
    public double Ratio => Gateway.P95 / Direct.P95;

    public bool MeetsTarget => Gateway.P95 < PagesBenchmark.TargetP95Milliseconds;
}

/// <param name="CpuSeconds">Used during the measured calls of both paths (the gateway's own only through it).</param>
/// <param name="LoadAverageBefore">The 1-minute load average as the measured calls started.</param>
/// <param name="LoadAverageAfter">The same as they ended.</param>
public sealed record PagesFigures(
    LicenceDataSize Data,
    int CallsPerRequest,
    IReadOnlyList<PageCallFigures> Rows,
    IReadOnlyDictionary<string, double> CpuSeconds,
    double LoadAverageBefore,
    double LoadAverageAfter);

/// <summary>
/// The pages scenario (issue #17): the licence side loaded with the sandbox's full data through the gateway, then
/// each API call of the licence pages timed sequentially through the gateway with the admin API key, against the
/// same request sent straight to the owning service with the internal token the gateway would forward.
/// </summary>
public static class PagesBenchmark
{
    /// <summary>A page answers in under this at p95 through the gateway (Blazor Server: its answer is its API calls).</summary>
    public const double TargetP95Milliseconds = 300;

    /// <summary>Unmeasured calls per request and path before the measured ones (JIT, connection pools, plans).</summary>
    public const int WarmUpCalls = 20;

    /// <summary>
    /// The gateway's budget per API key and minute (<c>Gateway:RateLimits:RequestsPerMinute</c>): each request gets an
    /// admin key of its own, so its warm-up and measured calls stay within one key's budget.
    /// </summary>
    public const int GatewayRequestsPerMinute = 600;

    /// <summary>The web UI's default page size on these pages.</summary>
    private const int PageSize = 25;

    public static async Task<string> RunAsync(RunningSystem system, BenchOptions options)
    {
        using var sandbox = new HttpClient { BaseAddress = system.App.GetEndpoint("sandbox", "http") };
        using var gateway = system.CreateGatewayClient();
        Console.WriteLine("Loading the sandbox's full licence data through the gateway...");
        var data = await new SandboxLicenceData(gateway, sandbox).LoadAsync();
        Console.WriteLine($"  {data.Clients} clients, {data.Devices} devices ({data.DevicesOfClients} of mapped clients), " +
            $"{data.Subscriptions} subscriptions; reconciled in {data.CaughtUpAfter.TotalSeconds:F0} s");

        var organization = await gateway.GetFromJsonAsync<JsonElement>("/api/identity/organization");
        using var direct = new DirectServiceClients(system, organization.GetProperty("id").GetGuid());
        var calls = Calls(data.Reconciled);
        var keyed = new List<(PageCall Call, HttpClient Gateway)>();
        foreach (var call in calls)
        {
            keyed.Add((call, await AdminKeyClientAsync(system, gateway, $"bench pages {keyed.Count + 1}")));
        }

        Console.WriteLine($"Warming up ({WarmUpCalls} calls per request and path, unmeasured)...");
        foreach (var (call, keyClient) in keyed)
        {
            await TimeAsync(call, keyClient, direct.For(call.Service), WarmUpCalls);
        }
        var loadBefore = MachineLoad.OneMinute();
        Console.WriteLine($"{options.Calls} calls per request and path, through the gateway and straight in turn...");
        var (rows, cpuSeconds) = await ProcessCpu.MeasureAsync(system.DataDirectory, async () =>
        {
            var measured = new List<PageCallFigures>();
            foreach (var (call, keyClient) in keyed)
            {
                measured.Add(await TimeAsync(call, keyClient, direct.For(call.Service), options.Calls));
            }
            return measured;
        });
        var loadAfter = MachineLoad.OneMinute();
        keyed.ForEach(pair => pair.Gateway.Dispose());

        foreach (var row in rows)
        {
            Console.WriteLine(FormattableString.Invariant(
                $"  {row.Call.Page} {row.Call.Request}: p95 {row.Gateway.P95:F0} ms (direct {row.Direct.P95:F0} ms)"));
        }
        return BenchmarkReport.RenderPages(new PagesFigures(data, options.Calls, rows, cpuSeconds, loadBefore, loadAfter),
            DateTimeOffset.UtcNow);
    }

    /// <summary>
    /// The calls Dashboard, Clients, a client's page, Reconciliation, a client's reconciliation, Missed billing and
    /// Sync tools' catalog make on opening, with the web UI's default queries, plus the filters and exports they offer.
    /// Client-specific calls and searches go round the clients.
    /// </summary>
    public static IReadOnlyList<PageCall> Calls(IReadOnlyList<ReconciledClient> clients)
    {
        if (clients.Count == 0)
        {
            throw new InvalidOperationException("No client was reconciled: the pages would have nothing to show.");
        }
        Guid Client(int n) => clients[n % clients.Count].ClientId;
        // A name's first word (at most 4 letters), as someone types into the search box.
        string Term(int n) => Uri.EscapeDataString(new string(
            (clients[n % clients.Count].ClientName ?? "a").TakeWhile(char.IsLetterOrDigit).Take(4).ToArray()));
        var clientList = $"sort=mrr&direction=desc&page=1&pageSize={PageSize}";
        var reconciliation = $"sort=variance&direction=desc&page=1&pageSize={PageSize}";
        var missedBilling = $"sort=amount&direction=desc&page=1&pageSize={PageSize}";
        return
        [
            new("Dashboard", "GET /api/projection/dashboard", "projection", _ => "/api/projection/dashboard"),
            new("Clients", "GET /api/projection/clients (by MRR, page 1)", "projection",
                _ => $"/api/projection/clients?{clientList}"),
            new("Clients", "… searching a name", "projection",
                n => $"/api/projection/clients?search={Term(n)}&{clientList}"),
            new("Clients", "… status under-licensed", "projection",
                _ => $"/api/projection/clients?status=under-licensed&{clientList}"),
            new("Client", "GET /api/projection/clients/{id}", "projection", n => $"/api/projection/clients/{Client(n)}"),
            new("Client", "GET /api/subscription/clients/{id}/licenses", "subscription",
                n => $"/api/subscription/clients/{Client(n)}/licenses"),
            new("Reconciliation", "GET /api/reconciliation/clients (by variance, page 1)", "reconciliation",
                _ => $"/api/reconciliation/clients?{reconciliation}"),
            new("Reconciliation", "GET /api/reconciliation/clients/summary", "reconciliation",
                _ => "/api/reconciliation/clients/summary"),
            new("Reconciliation", "… status under-licensed", "reconciliation",
                _ => $"/api/reconciliation/clients?status=under-licensed&{reconciliation}"),
            new("Reconciliation", "… sorted by client", "reconciliation",
                _ => $"/api/reconciliation/clients?sort=client&direction=asc&page=1&pageSize={PageSize}"),
            new("Reconciliation", "GET /api/reconciliation/clients/export (CSV, every client)", "reconciliation",
                _ => "/api/reconciliation/clients/export?sort=variance&direction=desc"),
            new("Reconciliation client", "GET /api/reconciliation/clients/{id}", "reconciliation",
                n => $"/api/reconciliation/clients/{Client(n)}"),
            new("Missed billing", "GET /api/reconciliation/missed-billing (by amount, page 1)", "reconciliation",
                _ => $"/api/reconciliation/missed-billing?{missedBilling}"),
            new("Missed billing", "GET /api/reconciliation/missed-billing/summary", "reconciliation",
                _ => "/api/reconciliation/missed-billing/summary"),
            new("Missed billing", "GET /api/subscription/clients (client filter's choices)", "subscription",
                _ => "/api/subscription/clients?sort=name&direction=asc&pageSize=200"),
            new("Missed billing", "GET /api/reconciliation/missed-billing/export (CSV)", "reconciliation",
                _ => "/api/reconciliation/missed-billing/export?sort=amount&direction=desc"),
            new("Sync tools (catalog)", "GET /api/subscription/catalog (page 1)", "subscription",
                _ => $"/api/subscription/catalog?page=1&pageSize={PageSize}"),
        ];
    }

    /// <summary>A gateway client acting with a new admin API key.</summary>
    internal static async Task<HttpClient> AdminKeyClientAsync(RunningSystem system, HttpClient admin, string name)
    {
        using var response = await admin.PostAsJsonAsync("/api/identity/api-keys", new { name, role = "admin" });
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"POST /api/identity/api-keys answered {(int)response.StatusCode}: {body}");
        }
        var client = system.CreateAnonymousGatewayClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer",
            JsonDocument.Parse(body).RootElement.GetProperty("key").GetString());
        return client;
    }

    /// <summary>
    /// <paramref name="count"/> calls of the request through the gateway and as many straight to its service, in turn
    /// (gateway, straight, gateway, …) so both see the same load on the shared machine; one at a time, each read to
    /// the end of its body.
    /// </summary>
    internal static async Task<PageCallFigures> TimeAsync(PageCall call, HttpClient gateway, HttpClient direct, int count)
    {
        var (viaGateway, straight) = (new List<TimeSpan>(count), new List<TimeSpan>(count));
        for (var n = 0; n < count; n++)
        {
            viaGateway.Add(await TimeAsync(gateway, call.Path(n)));
            straight.Add(await TimeAsync(direct, call.Path(n)));
        }
        return new PageCallFigures(call, LatencySummary.Of(viaGateway), LatencySummary.Of(straight));
    }

    private static async Task<TimeSpan> TimeAsync(HttpClient client, string path)
    {
        var clock = Stopwatch.StartNew();
        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        var elapsed = clock.Elapsed;
        return response.IsSuccessStatusCode
            ? elapsed
            : throw new HttpRequestException($"GET {path} ({client.BaseAddress}) answered {(int)response.StatusCode}: {body}");
    }
}
