using System.Net;
using System.Net.Http.Json;
using BillingOne.BuildingBlocks.Integrations;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.Contracts.Events;
using BillingOne.Reconciliation.Tests.Api;
using BillingOne.Testing;
using MassTransit;

namespace BillingOne.Reconciliation.Tests.Synergy;

/// <summary>The Synergy integration's endpoints as the settings page and the Sync All button call them.</summary>
public static class SynergyCalls
{
    public const string IntegrationPath = "/api/reconciliation/integrations/synergy";

    public static async Task SaveSynergySettingsAsync(this HttpClient client, SynergyStub stub, string apiKey = SynergyStub.ApiKey)
    {
        using var response = await client.PutAsJsonAsync(IntegrationPath, new
        {
            values = new Dictionary<string, string>
            {
                ["resellerId"] = SynergyStub.ResellerId,
                ["apiKey"] = apiKey,
                ["endpoint"] = stub.Endpoint,
            },
        });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    public static async Task<SyncRunResponse> SyncSynergyAsync(this HttpClient client)
    {
        using var response = await client.PostAsJsonAsync($"{IntegrationPath}/sync", new { });
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var run = (await response.Content.ReadFromJsonAsync<SyncRunResponse>())!;
        return await client.FinishedRunAsync(run.Id);
    }

    public static async Task<PagedResult<T>> PageAsync<T>(this HttpClient client, string path) =>
        (await client.GetFromJsonAsync<PagedResult<T>>(path))!;

    /// <summary>Maps a Synergy account and names its client as the subscription service would; waits until both are taken.</summary>
    public static async Task MapAccountAsync(this ReconciliationFixture fixture, Guid orgId, string accountId, Guid clientId,
        string clientName, string vendor = "synergy")
    {
        var probe = new DatabaseProbe(fixture.DatabaseConnectionString);
        var now = DateTimeOffset.UtcNow;
        var mappingId = NewId.NextGuid();
        var clientMessageId = NewId.NextGuid();
        await fixture.Bus.Publish(new ClientMappingChanged(orgId, vendor, accountId, clientId, "manual", now),
            context => context.MessageId = mappingId);
        await fixture.Bus.Publish(new ClientUpserted(orgId, clientId, clientName, true, "Australia/Sydney", 1, now, now),
            context => context.MessageId = clientMessageId);
        await Eventually.UntilAsync(() => probe.InboxHoldsAsync(mappingId), "the mapping to be taken");
        await Eventually.UntilAsync(() => probe.InboxHoldsAsync(clientMessageId), "the client to be taken");
    }
}
