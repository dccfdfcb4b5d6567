using System.Net.Http.Json;
using System.Text.Json;
using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.Contracts.Events;
using BillingOne.Testing;

namespace BillingOne.Subscription.Tests.Sync;

/// <summary>
/// Accounts another service's sync listed (Xero contacts here) become vendor accounts to map: new ones auto-matched,
/// missing ones removed, an older snapshot ignored, and a vendor with its own path refused.
/// </summary>
[Trait("Category", "Integration")]
public sealed class VendorAccountsSnapshottedTests(Pax8SyncFixture fixture) : IClassFixture<Pax8SyncFixture>
{
    private static readonly Guid OrgId = OrganizationContextExtensions.DemoOrganizationId;

    [Fact]
    public async Task Listed_contacts_are_kept_and_auto_matched_and_a_later_list_removes_the_missing_ones_while_an_older_one_changes_nothing()
    {
        var created = await fixture.Client.PostAsJsonAsync("/api/subscription/clients", new { name = "Quokka Surveying" });
        var clientId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var takenAt = DateTimeOffset.UtcNow;

        await PublishAndWaitAsync(new VendorAccountsSnapshotted(OrgId, "xero", Guid.NewGuid(), takenAt,
            [new("c-1", "Quokka Surveying Pty Ltd"), new("c-2", "Wombat Joinery")]));

        var accounts = await XeroAccountsAsync();
        accounts.Select(account => account.GetProperty("externalId").GetString()).ShouldBe(["c-1", "c-2"], ignoreOrder: true);
        accounts.Single(account => account.GetProperty("externalId").GetString() == "c-1")
            .GetProperty("clientId").GetGuid().ShouldBe(clientId);

        await PublishAndWaitAsync(new VendorAccountsSnapshotted(OrgId, "xero", Guid.NewGuid(), takenAt.AddMinutes(5),
            [new("c-1", "Quokka Surveying Pty Ltd")]));
        (await XeroAccountsAsync()).Select(account => account.GetProperty("externalId").GetString()).ShouldBe(["c-1"]);

        await PublishAndWaitAsync(new VendorAccountsSnapshotted(OrgId, "xero", Guid.NewGuid(), takenAt.AddMinutes(1),
            [new("c-3", "Late Arrival Ltd")]));
        (await XeroAccountsAsync()).Select(account => account.GetProperty("externalId").GetString()).ShouldBe(["c-1"]);
    }

    [Fact]
    public async Task A_snapshot_of_pax8_companies_is_refused_because_pax8_syncs_its_own()
    {
        var id = await fixture.PublishAsync(new VendorAccountsSnapshotted(OrgId, "pax8", Guid.NewGuid(), DateTimeOffset.UtcNow,
            [new("p-1", "Someone")]));

        (await fixture.Consumed.WaitForFaultAsync(id)).Message.ShouldContain("'pax8'");
    }

    private async Task PublishAndWaitAsync(VendorAccountsSnapshotted snapshot) =>
        await fixture.Consumed.WaitUntilHandledAsync(await fixture.PublishAsync(snapshot));

    private async Task<List<JsonElement>> XeroAccountsAsync()
    {
        var page = await fixture.Client.GetFromJsonAsync<JsonElement>("/api/subscription/mappings?vendor=xero&pageSize=100");
        return [.. page.GetProperty("items").EnumerateArray()];
    }
}
