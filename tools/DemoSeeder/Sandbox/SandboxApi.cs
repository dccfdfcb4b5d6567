using System.Net.Http.Json;
using System.Text.Json;

namespace BillingOne.DemoSeeder.Sandbox;

/// <summary>A client as the MSP typed it into BillingOne, by the sandbox's id of the vendors' client.</summary>
public sealed record SandboxClient(int SandboxClientId, string Name, string TimeZone);

/// <summary>The sandbox's own control endpoints (no vendor token, no rate limit, no injected faults).</summary>
public sealed class SandboxApi(HttpClient http)
{
    /// <summary>The clients BillingOne should know already; the rest exist only at the vendors.</summary>
    public async Task<IReadOnlyList<SandboxClient>> ListBillingOneClientsAsync(CancellationToken cancellationToken) =>
        await http.GetFromJsonAsync<List<SandboxClient>>("/sandbox/billingone-clients", JsonSerializerOptions.Web,
            cancellationToken) ?? [];
}
