using Aspire.Hosting.Testing;
using BillingOne.AppHost;
using BillingOne.BuildingBlocks.Security;
using BillingOne.SystemDriver;

namespace BillingOne.Bench;

/// <summary>
/// Clients that call a service's own endpoint, skipping the gateway: each carries an internal token signed with the
/// run's key from the AppHost's data directory, for the organization's admin, as the gateway would forward an admin
/// API key's request. The pages scenario's baseline.
/// </summary>
public sealed class DirectServiceClients(RunningSystem system, Guid orgId) : IDisposable
{
    /// <summary>Long enough for every measurement of the scenario; the services ask no upper bound.</summary>
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(1);

    private readonly string token = InternalTokens.Issue(
        new InternalTokenClaims(orgId, Roles.Admin, ActorTypes.ApiKey, Guid.NewGuid(), "bench (direct)"),
        InternalTokens.ParseKey(
            File.ReadAllText(Path.Combine(system.DataDirectory, AppHostSecrets.InternalTokenKeyFile)).Trim(),
            AppHostSecrets.InternalTokenKeyFile),
        DateTimeOffset.UtcNow, TokenLifetime);

    private readonly Dictionary<string, HttpClient> clients = [];

    /// <summary>The client of <paramref name="service"/> (its AppHost resource name, e.g. <c>projection</c>).</summary>
    public HttpClient For(string service)
    {
        if (!clients.TryGetValue(service, out var client))
        {
            client = new HttpClient { BaseAddress = system.App.GetEndpoint(service, "http"), Timeout = TimeSpan.FromSeconds(30) };
            client.DefaultRequestHeaders.Authorization = new("Bearer", token);
            clients[service] = client;
        }
        return client;
    }

    public void Dispose()
    {
        foreach (var client in clients.Values)
        {
            client.Dispose();
        }
    }
}
