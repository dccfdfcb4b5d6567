using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;
using Aspire.Hosting.ApplicationModel;
using BillingOne.Testing;
using Shouldly;

namespace BillingOne.EndToEnd.Tests;

/// <summary>
/// Syncs of the default run against the sandbox: once the vendor world moves on a step, the next Pax8 and RMM syncs
/// report exactly the changes the sandbox says it made.
/// </summary>
[Collection(RunningSystemCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class VendorSyncTests(SystemFixture fixture)
{
    [SystemFact]
    public async Task After_the_sandbox_moves_on_a_step_the_next_syncs_report_exactly_its_changes()
    {
        await fixture.System.WaitForStateAsync("demo-seeder", KnownResourceStates.Finished, TimeSpan.FromMinutes(8));
        using var api = fixture.System.CreateGatewayClient();
        // Stored state = the sandbox's current step, whatever ran before.
        await GatewayCallers.SyncAsync(api, "subscription", "pax8");
        await GatewayCallers.SyncAsync(api, "reconciliation", "rmm");
        using var sandbox = new HttpClient { BaseAddress = fixture.System.App.GetEndpoint("sandbox", "http") };

        using var moved = await sandbox.PostAsJsonAsync("/sandbox/changes", new { steps = 1 });
        var changes = await moved.ShouldBeJsonAsync<JsonElement>(HttpStatusCode.OK);
        var pax8 = await GatewayCallers.SyncAsync(api, "subscription", "pax8");
        var rmm = await GatewayCallers.SyncAsync(api, "reconciliation", "rmm");

        var added = Ids(changes.GetProperty("pax8"), "subscriptionsAdded");
        var changed = Ids(changes.GetProperty("pax8"), "subscriptionsCancelled")
            .Union(changes.GetProperty("pax8").GetProperty("quantityChanged").EnumerateArray()
                .Select(change => change.GetProperty("id").ToString()))
            .Except(added).ToHashSet();
        var subscriptions = pax8.GetProperty("breakdown").GetProperty("subscriptions");
        (subscriptions.GetProperty("added").GetInt32(), subscriptions.GetProperty("changed").GetInt32(),
                subscriptions.GetProperty("removed").GetInt32())
            .ShouldBe((added.Count, changed.Count, 0), changes.ToString());
        added.Count.ShouldBeGreaterThan(0);

        var enrolled = Ids(changes.GetProperty("rmm"), "devicesAdded");
        var retired = Ids(changes.GetProperty("rmm"), "devicesRetired");
        var devices = rmm.GetProperty("breakdown").GetProperty("devices");
        (devices.GetProperty("added").GetInt32(), devices.GetProperty("removed").GetInt32())
            .ShouldBe((enrolled.Except(retired).Count(), retired.Except(enrolled).Count()), changes.ToString());
    }

    private static HashSet<string> Ids(JsonElement vendor, string list) =>
        [.. vendor.GetProperty(list).EnumerateArray().Select(id => id.ToString())];
}
