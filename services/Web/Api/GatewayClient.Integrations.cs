using System.Net;

namespace BillingOne.Web.Api;

/// <summary>The integrations' calls (Settings → Integrations, Sync All, Sync from Pax8).</summary>
public sealed partial class GatewayClient
{
    public const int SyncRunHistorySize = 5;

    public Task<IReadOnlyList<Integration>> GetIntegrationsAsync(string servicePath, CancellationToken cancellationToken) =>
        GetListAsync<Integration>($"{servicePath}/integrations", cancellationToken);

    public Task<Integration> GetIntegrationAsync(IntegrationKey integration, CancellationToken cancellationToken) =>
        Get<Integration>(integration.Path, cancellationToken);

    public Task<Integration> SaveIntegrationAsync(
        IntegrationKey integration, SaveIntegrationRequest settings, CancellationToken cancellationToken) =>
        SendAsync<Integration>(
            () => new HttpRequestMessage(HttpMethod.Put, integration.Path) { Content = Json(settings) }, cancellationToken);

    public Task<ConnectionTest> TestIntegrationAsync(
        IntegrationKey integration, TestIntegrationRequest values, CancellationToken cancellationToken) =>
        SendAsync<ConnectionTest>(
            () => new HttpRequestMessage(HttpMethod.Post, $"{integration.Path}/test") { Content = Json(values) },
            cancellationToken);

    /// <summary>
    /// Starts a sync; when one is already active (409 naming its <c>runId</c>) answers that run instead, so the caller
    /// follows it rather than failing. A 409 without a run (the integration is not set up) stays a problem.
    /// </summary>
    public async Task<SyncRun> StartOrJoinSyncAsync(IntegrationKey integration, string trigger, CancellationToken cancellationToken)
    {
        try
        {
            return await SendAsync<SyncRun>(
                () => new HttpRequestMessage(HttpMethod.Post, $"{integration.Path}/sync") { Content = Json(new StartSyncRequest(trigger)) },
                cancellationToken);
        }
        catch (ApiProblemException exception) when (
            exception.Problem is { Status: (int)HttpStatusCode.Conflict, RunId: { } activeRunId })
        {
            return await GetSyncRunAsync(integration.ServicePath, activeRunId, cancellationToken);
        }
    }

    public Task<SyncRun> GetSyncRunAsync(string servicePath, Guid runId, CancellationToken cancellationToken) =>
        Get<SyncRun>(IntegrationServices.SyncRunPath(servicePath, runId), cancellationToken);

    /// <summary>The latest runs, newest first.</summary>
    public Task<PagedList<SyncRun>> GetSyncRunsAsync(IntegrationKey integration, CancellationToken cancellationToken) =>
        Get<PagedList<SyncRun>>(
            ApiQuery.Build($"{integration.Path}/sync-runs", ("page", 1), ("pageSize", SyncRunHistorySize)), cancellationToken);
}
