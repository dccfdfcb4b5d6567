using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using BillingOne.Testing;
using Shouldly;

namespace BillingOne.EndToEnd.Tests;

/// <summary>
/// The default run shows invoices and domains from the sandbox: the demo seeder connects Xero through the sandbox's
/// consent page and syncs Xero and Synergy as Sync All does; the gateway then answers them as the web's pages read them.
/// </summary>
[Collection(RunningSystemCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class InvoicesAndDomainsTests(SystemFixture fixture)
{
    private static readonly TimeSpan SeedingTimeout = TimeSpan.FromMinutes(8);
    private readonly HttpClient gateway = fixture.System.CreateGatewayClient();

    [SystemFact]
    public async Task After_seeding_xero_is_connected_and_the_invoices_have_every_usual_status_some_mapped_to_clients()
    {
        await WaitForSeedingAsync();

        var connection = await GetAsync("/api/invoice/xero/connection");
        connection.GetProperty("status").GetString().ShouldBe("connected", connection.ToString());
        var summary = await GetAsync("/api/invoice/invoices/summary");
        var byStatus = summary.GetProperty("byStatus");
        foreach (var status in new[] { "draft", "submitted", "paid", "overdue" })
        {
            byStatus.GetProperty(status).GetInt64().ShouldBeGreaterThan(0, $"{status}: {summary}");
        }
        // Contacts reach the subscription service's mappings by event after the sync, and their clients come back the
        // same way: some invoices show a client a moment after seeding.
        var mapped = await Eventually.ReturnsAsync(() => GetAsync("/api/invoice/invoices/summary"),
            now => now.GetProperty("unmapped").GetInt64() < now.GetProperty("total").GetInt64(),
            "some invoices to be mapped to clients", TimeSpan.FromMinutes(4));
        mapped.GetProperty("total").GetInt64().ShouldBeGreaterThan(0);
    }

    [SystemFact]
    public async Task After_seeding_the_synergy_domains_hosting_and_certificates_are_listed()
    {
        await WaitForSeedingAsync();

        foreach (var list in new[] { "domains", "hosting", "ssl-certificates" })
        {
            var page = await GetAsync($"/api/reconciliation/{list}?pageSize=5");
            page.GetProperty("totalCount").GetInt32().ShouldBeGreaterThan(0, $"{list}: {page}");
        }
    }

    private async Task WaitForSeedingAsync()
    {
        var finished = await fixture.System.WaitForStateAsync("demo-seeder", KnownResourceStates.Finished, SeedingTimeout);
        finished.ExitCode.ShouldBe(0, fixture.System.Output);
        var seederLog = string.Join('\n', fixture.System.LogsOf("demo-seeder"));
        seederLog.ShouldNotContain("sync not started", Case.Insensitive, seederLog);
    }

    private async Task<JsonElement> GetAsync(string path)
    {
        using var response = await gateway.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue($"GET {path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
