using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace BillingOne.Bench;

/// <summary>A client's reconciliation row as the bench reads it.</summary>
public sealed record ReconciledClient(Guid ClientId, string? ClientName, int? Devices, int Licenses, string Status);

/// <summary>
/// The licence side's data as the pages scenario reached it through the gateway: the organization's clients, the
/// vendor accounts mapped to them, what the latest device snapshot and the Pax8 sync stored, and how the clients
/// reconciled.
/// </summary>
public sealed record LicenceDataSize(
    int Clients,
    int Pax8CompaniesMapped,
    int Pax8Companies,
    int RmmOrganizationsMapped,
    int RmmOrganizations,
    int Devices,
    int Subscriptions,
    IReadOnlyList<ReconciledClient> Reconciled,
    long ActiveSubscriptionsInDashboard,
    int MissedBillingOpen,
    TimeSpan CaughtUpAfter)
{
    public int DevicesOfClients => Reconciled.Sum(client => client.Devices ?? 0);

    public int StatusCount(string status) => Reconciled.Count(client => client.Status == status);
}

/// <summary>
/// Brings the licence side to the sandbox's full data through the gateway, as an MSP would: creates the clients the
/// sandbox lists as typed into BillingOne (as the demo seeder does), syncs Pax8 and the RMM, maps every Pax8 company
/// and then every RMM organization to its best-suggested client or, without a suggestion, to a client created from
/// the account (Settings → Mappings' Apply and Create client), takes a device snapshot (Snapshot Now), and waits until
/// reconciliation and the projection have caught up with it.
/// </summary>
public sealed class SandboxLicenceData(HttpClient gateway, HttpClient sandbox)
{
    private const int PageSize = 200;
    private const int ApplyBatch = 500;
    private static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan CatchUpTimeout = TimeSpan.FromMinutes(10);

    /// <summary>Polls in a row that must see the same figures before they count as caught up.</summary>
    private const int StablePolls = 5;

    public async Task<LicenceDataSize> LoadAsync()
    {
        var typed = await sandbox.GetFromJsonAsync<List<SandboxClient>>("/sandbox/billingone-clients", Json) ?? [];
        foreach (var client in typed)
        {
            using var created = await gateway.PostAsJsonAsync("/api/subscription/clients", new { client.Name, client.TimeZone });
            await EnsureAsync(created, "POST /api/subscription/clients", HttpStatusCode.Created, HttpStatusCode.Conflict);
        }
        Console.WriteLine($"  {typed.Count} clients typed into BillingOne created");

        var syncs = new SyncRunScenario(gateway);
        await syncs.RunAsync();
        Console.WriteLine("  Pax8 and RMM synced");
        foreach (var vendor in (string[])["pax8", "rmm"])
        {
            var (applied, created) = await MapAllAsync(vendor);
            Console.WriteLine($"  {vendor}: {applied} accounts mapped to a suggested client, {created} to a client created from them");
        }

        Console.WriteLine("  Snapshot Now (an RMM sync), then waiting for reconciliation and the projection...");
        var clock = Stopwatch.StartNew();
        await syncs.RunAsync([BenchSync.Rmm]);
        var clients = await TotalAsync("/api/subscription/clients");
        var dashboard = await CaughtUpAsync(clients, clock);
        var mappings = await gateway.GetFromJsonAsync<Dictionary<string, MappingCounts>>("/api/subscription/mappings/summary", Json)
            ?? throw new InvalidOperationException("The mapping summary answered an empty body.");
        return new LicenceDataSize(
            clients,
            mappings["pax8"].Mapped, mappings["pax8"].Total,
            mappings["rmm"].Mapped, mappings["rmm"].Total,
            await TotalAsync("/api/reconciliation/devices"),
            await TotalAsync("/api/subscription/subscriptions"),
            await ListAllAsync<ReconciledClient>("/api/reconciliation/clients?sort=client&direction=asc"),
            dashboard.ActiveSubscriptions,
            (await gateway.GetFromJsonAsync<MissedBillingSummary>("/api/reconciliation/missed-billing/summary", Json))?.Open.Count
                ?? throw new InvalidOperationException("The missed billing summary answered an empty body."),
            clock.Elapsed);
    }

    /// <summary>Maps each of the vendor's unmapped accounts: to its best suggestion, else to a client made from it.</summary>
    private async Task<(int Applied, int Created)> MapAllAsync(string vendor)
    {
        var suggested = await ListAllAsync<VendorAccount>($"/api/subscription/mappings?vendor={vendor}&state=suggested");
        foreach (var batch in suggested.Chunk(ApplyBatch))
        {
            var items = batch.Select(account => new { vendor, account.ExternalId, account.Suggestions[0].ClientId });
            using var response = await gateway.PostAsJsonAsync("/api/subscription/mappings/apply", new { items });
            await EnsureAsync(response, "POST /api/subscription/mappings/apply", HttpStatusCode.OK);
        }
        var unmatched = await ListAllAsync<VendorAccount>($"/api/subscription/mappings?vendor={vendor}&state=unmapped");
        var created = 0;
        foreach (var account in unmatched)
        {
            using var response = await gateway.PostAsJsonAsync("/api/subscription/mappings/create-client",
                new { vendor, account.ExternalId });
            // 409: a client of the account's name exists but was not suggested (rejected before); left unmapped.
            if (await EnsureAsync(response, "POST /api/subscription/mappings/create-client", HttpStatusCode.Created,
                    HttpStatusCode.Conflict) == HttpStatusCode.Created)
            {
                created++;
            }
        }
        return (suggested.Count, created);
    }

    /// <summary>
    /// Waits until reconciliation has compared clients with a snapshot (the RMM run is seen completed, so the new snapshot
    /// is stored), the projection counts every client, and neither reconciliation's summary nor the dashboard has moved
    /// for a few seconds.
    /// </summary>
    private async Task<DashboardFigures> CaughtUpAsync(int clients, Stopwatch clock)
    {
        var (last, stable) = ("", 0);
        while (true)
        {
            var summary = await gateway.GetFromJsonAsync<ReconciliationSummary>("/api/reconciliation/clients/summary", Json);
            var dashboard = await gateway.GetFromJsonAsync<DashboardFigures>("/api/projection/dashboard", Json);
            var seen = $"{summary} {dashboard?.Clients} {dashboard?.UnderLicensedClients} {dashboard?.ActiveSubscriptions} {dashboard?.Mrr}";
            stable = seen == last ? stable + 1 : 0;
            last = seen;
            if (summary is { LatestSnapshotAt: not null, Total: > 0 } && dashboard?.Clients == clients && stable >= StablePolls)
            {
                return dashboard;
            }
            if (clock.Elapsed > CatchUpTimeout)
            {
                throw new TimeoutException($"Reconciliation and the projection had not caught up with {clients} clients " +
                    $"after {CatchUpTimeout:g}: last seen {seen}.");
            }
            await Task.Delay(PollInterval);
        }
    }

    private async Task<int> TotalAsync(string path) =>
        (await gateway.GetFromJsonAsync<Page<JsonElement>>($"{path}?page=1&pageSize=1", Json))?.TotalCount
            ?? throw new InvalidOperationException($"GET {path} answered an empty body.");

    private async Task<IReadOnlyList<T>> ListAllAsync<T>(string path)
    {
        var items = new List<T>();
        for (var page = 1; ; page++)
        {
            var result = await gateway.GetFromJsonAsync<Page<T>>($"{path}&page={page}&pageSize={PageSize}", Json)
                ?? throw new InvalidOperationException($"GET {path} answered an empty body.");
            items.AddRange(result.Items);
            if (result.Items.Count == 0 || items.Count >= result.TotalCount)
            {
                return items;
            }
        }
    }

    private static async Task<HttpStatusCode> EnsureAsync(HttpResponseMessage response, string call,
        params HttpStatusCode[] expected) =>
        expected.Contains(response.StatusCode)
            ? response.StatusCode
            : throw new HttpRequestException(
                $"{call} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");

    private sealed record SandboxClient(string Name, string TimeZone);

    private sealed record Page<T>(IReadOnlyList<T> Items, int TotalCount);

    private sealed record Suggestion(Guid ClientId);

    private sealed record VendorAccount(string ExternalId, IReadOnlyList<Suggestion> Suggestions);

    private sealed record MappingCounts(int Total, int Mapped);

    private sealed record ReconciliationSummary(int UnderLicensed, int OverLicensed, int Matched, int NoData,
        DateTimeOffset? LatestSnapshotAt)
    {
        public int Total => UnderLicensed + OverLicensed + Matched + NoData;
    }

    private sealed record MissedBillingState(int Count);

    private sealed record MissedBillingSummary(MissedBillingState Open);

    private sealed record DashboardFigures(decimal Mrr, long ActiveSubscriptions, long UnderLicensedClients, long Clients);
}
