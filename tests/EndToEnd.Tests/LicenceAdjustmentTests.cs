using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using BillingOne.Testing;
using Shouldly;

namespace BillingOne.EndToEnd.Tests;

/// <summary>
/// Approve and adjust through the gateway against the sandbox's Pax8: a bulk approval of three proposals where Pax8
/// answers 503 for the middle one ends every row applied or failed with a reason, the audit log holds each change
/// once, a retry applies the failed row once Pax8 answers, and the next sync re-reconciles every client as matched.
/// </summary>
[Collection(RunningSystemCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class LicenceAdjustmentTests(SystemFixture fixture)
{
    [SystemFact]
    public async Task A_bulk_approval_with_a_pax8_5xx_mid_list_ends_each_row_applied_or_failed_and_audits_each_change_once()
    {
        await fixture.System.WaitForStateAsync("demo-seeder", KnownResourceStates.Finished, TimeSpan.FromMinutes(8));
        var callers = new GatewayCallers(fixture.System);
        var api = callers.Admin;
        var started = DateTimeOffset.UtcNow.AddMinutes(-1);
        var clients = await UnderLicensedDataset.AddAsync(fixture.System, callers, (6, 4), (5, 3), (4, 2));
        var proposals = new List<JsonElement>();
        foreach (var client in clients)
        {
            using var proposed = await api.PostAsJsonAsync("/api/subscription/adjustments",
                new { clientId = client.Id, devices = client.Devices });
            var proposal = (await proposed.ShouldBeJsonAsync<JsonElement>(HttpStatusCode.Created)).GetProperty("adjustment");
            (proposal.GetProperty("quantityBefore").GetInt32(), proposal.GetProperty("proposedQuantity").GetInt32())
                .ShouldBe((client.Licenses, client.Devices));
            proposals.Add(proposal);
        }
        var ids = proposals.Select(proposal => proposal.GetProperty("id").GetGuid()).ToList();
        var subscriptions = proposals.Select(proposal => proposal.GetProperty("subscriptionId").GetGuid()).ToList();

        using var sandbox = new HttpClient { BaseAddress = fixture.System.App.GetEndpoint("sandbox", "http") };
        (await sandbox.PutAsync($"/sandbox/faults/pax8-subscription-updates/{subscriptions[1]}", null)).EnsureSuccessStatusCode();
        JsonElement bulk;
        try
        {
            using var approved = await api.PostAsJsonAsync("/api/subscription/adjustments/approve", new { ids });
            bulk = await approved.ShouldBeJsonAsync<JsonElement>(HttpStatusCode.OK);
        }
        finally
        {
            (await sandbox.DeleteAsync($"/sandbox/faults/pax8-subscription-updates/{subscriptions[1]}")).EnsureSuccessStatusCode();
        }

        var rows = bulk.GetProperty("results").EnumerateArray().ToDictionary(row => row.GetProperty("id").GetGuid());
        rows.Keys.ShouldBe(ids, ignoreOrder: true);
        (rows[ids[0]].GetProperty("state").GetString(), rows[ids[0]].GetProperty("quantityAfter").GetInt32()).ShouldBe(("applied", 6));
        (rows[ids[2]].GetProperty("state").GetString(), rows[ids[2]].GetProperty("quantityAfter").GetInt32()).ShouldBe(("applied", 4));
        rows[ids[1]].GetProperty("state").GetString().ShouldBe("failed");
        rows[ids[1]].GetProperty("error").GetString().ShouldNotBeNullOrWhiteSpace();
        (bulk.GetProperty("applied").GetInt32(), bulk.GetProperty("failed").GetInt32()).ShouldBe((2, 1));

        using var retried = await api.PostAsync($"/api/subscription/adjustments/{ids[1]}/retry", null);
        var retry = await retried.ShouldBeJsonAsync<JsonElement>(HttpStatusCode.OK);
        (retry.GetProperty("state").GetString(), retry.GetProperty("quantityAfter").GetInt32()).ShouldBe(("applied", 5));

        // Each subscription's quantity change is audited exactly once, with Pax8's quantity before and after.
        await Eventually.AssertAsync(async () =>
        {
            var changes = (await api.GetFromJsonAsync<JsonElement>(
                    $"/api/projection/audit-log?table=pax8_subscriptions&from={Uri.EscapeDataString(started.ToString("O"))}&pageSize=200"))
                .GetProperty("items").EnumerateArray()
                .Where(entry => subscriptions.Contains(Guid.Parse(entry.GetProperty("recordId").GetString()!)))
                .Select(entry => (Guid.Parse(entry.GetProperty("recordId").GetString()!),
                    entry.GetProperty("oldValues").GetProperty("quantity").GetInt32(),
                    entry.GetProperty("newValues").GetProperty("quantity").GetInt32()))
                .ToList();
            changes.ShouldBe([(subscriptions[0], 4, 6), (subscriptions[1], 3, 5), (subscriptions[2], 2, 4)], ignoreOrder: true);
        }, TimeSpan.FromMinutes(2));

        // The next sync reads Pax8's new quantities and reconciliation compares again: every client matches.
        await GatewayCallers.SyncAsync(api, "subscription", "pax8");
        var prefix = UnderLicensedDataset.PrefixOf(clients);
        await Eventually.AssertAsync(async () => (await UnderLicensedDataset.StatusesAsync(api, prefix))
            .ShouldBe(clients.ToDictionary(client => client.Name, _ => "matched"), ignoreOrder: true), TimeSpan.FromMinutes(4));
        var exported = await api.GetStringAsync($"/api/subscription/adjustments/export?clientId={clients[1].Id}");
        exported.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Single().ShouldStartWith($"{ids[1]},{clients[1].Id},");
    }
}
