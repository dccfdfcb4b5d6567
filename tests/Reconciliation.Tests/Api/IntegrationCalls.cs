using System.Net;
using System.Net.Http.Json;
using BillingOne.BuildingBlocks.Integrations;
using BillingOne.Testing;

namespace BillingOne.Reconciliation.Tests.Api;

/// <summary>The RMM integration's endpoints as the settings page and the sync button call them.</summary>
public static class IntegrationCalls
{
    public const string RmmPath = "/api/reconciliation/integrations/rmm";

    /// <summary>Saves NinjaOne settings that point at <paramref name="stub"/>.</summary>
    public static async Task SaveStubSettingsAsync(this HttpClient client, NinjaOneStub stub)
    {
        using var response = await client.PutAsJsonAsync(RmmPath, new
        {
            values = new Dictionary<string, string>
            {
                ["vendor"] = "ninjaone",
                ["clientId"] = NinjaOneStub.ClientId,
                ["clientSecret"] = NinjaOneStub.ClientSecret,
                ["baseUrl"] = stub.Url,
            },
        });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    public static async Task<SyncRunResponse> StartSyncAsync(this HttpClient client)
    {
        using var response = await client.PostAsJsonAsync($"{RmmPath}/sync", new { });
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<SyncRunResponse>())!;
    }

    /// <summary>The run once the worker has finished it (completed or failed).</summary>
    public static Task<SyncRunResponse> FinishedRunAsync(this HttpClient client, Guid runId) =>
        Eventually.ReturnsAsync(
            async () => (await client.GetFromJsonAsync<SyncRunResponse>($"/api/reconciliation/integrations/sync-runs/{runId}"))!,
            run => run.Status is SyncRunStatus.Completed or SyncRunStatus.Failed, $"sync run {runId} to finish");

    /// <summary>Starts a sync and waits for it to finish.</summary>
    public static async Task<SyncRunResponse> SyncAsync(this HttpClient client) =>
        await client.FinishedRunAsync((await client.StartSyncAsync()).Id);
}
