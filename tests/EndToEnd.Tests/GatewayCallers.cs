using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using BillingOne.Testing;
using Shouldly;

namespace BillingOne.EndToEnd.Tests;

/// <summary>Clients and API keys made through the running system's gateway, as its admin.</summary>
public sealed class GatewayCallers(RunningSystem system)
{
    public HttpClient Admin { get; } = system.CreateGatewayClient();

    /// <summary>A gateway client authenticated with <paramref name="key"/>.</summary>
    public HttpClient KeyClient(string key)
    {
        var client = system.CreateAnonymousGatewayClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>A new client reaches identity by event: a key scoped to it is refused until identity knows it.</summary>
    public async Task<(Guid Id, string Key)> CreateKeyAsync(string name, string role, Guid? clientId = null)
    {
        var created = await Eventually.ReturnsAsync(async () =>
        {
            using var response = await Admin.PostAsJsonAsync("/api/identity/api-keys", new { name, role, clientId });
            return response.StatusCode == HttpStatusCode.Created
                ? await response.Content.ReadFromJsonAsync<JsonElement>()
                : (JsonElement?)null;
        }, created => created is not null, $"API key '{name}' never created");
        return (created!.Value.GetProperty("id").GetGuid(), created.Value.GetProperty("key").GetString()!);
    }

    public async Task<Guid> CreateClientAsync(string name)
    {
        using var response = await Admin.PostAsJsonAsync("/api/subscription/clients", new { name });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>Starts a sync (or follows the one already running) and answers the completed run.</summary>
    public static async Task<JsonElement> SyncAsync(HttpClient api, string service, string integration)
    {
        using var started = await api.PostAsJsonAsync($"/api/{service}/integrations/{integration}/sync", new { });
        var body = await started.Content.ReadFromJsonAsync<JsonElement>();
        var runId = started.StatusCode == HttpStatusCode.Accepted
            ? body.GetProperty("id").GetGuid()
            : body.GetProperty("runId").GetGuid();
        var run = await Eventually.ReturnsAsync(
            () => api.GetFromJsonAsync<JsonElement>($"/api/{service}/integrations/sync-runs/{runId}"),
            found => found.GetProperty("status").GetString() is "completed" or "failed",
            $"the {integration} sync to finish", TimeSpan.FromMinutes(3));
        run.GetProperty("status").GetString().ShouldBe("completed", run.ToString());
        return run;
    }

    /// <summary>The vendor's accounts whose names start with <paramref name="prefix"/>, by name, once all have arrived.</summary>
    public static async Task<Dictionary<string, string>> AccountsAsync(HttpClient api, string vendor, string prefix, int count)
    {
        var accounts = await Eventually.ReturnsAsync(
            async () => (await api.GetFromJsonAsync<JsonElement>(
                    $"/api/subscription/mappings?vendor={vendor}&search={Uri.EscapeDataString(prefix)}&pageSize=50"))
                .GetProperty("items").EnumerateArray()
                .ToDictionary(account => account.GetProperty("name").GetString()!, account => account.GetProperty("externalId").GetString()!),
            found => found.Count == count, $"the {count} {vendor} accounts of the dataset", TimeSpan.FromMinutes(4));
        return accounts;
    }
}
