namespace BillingOne.Web.Api;

/// <summary>A client's billing picture, the dashboard, and the session's client scope.</summary>
public sealed partial class GatewayClient
{
    /// <summary>One client's billing picture; a 404 problem when the organization (or scope) has no such client.</summary>
    public Task<ClientDetail> GetClientDetailAsync(Guid clientId, CancellationToken cancellationToken) =>
        Get<ClientDetail>($"{ClientListQuery.Path}/{clientId}", cancellationToken);

    public Task<DashboardSummary> GetDashboardAsync(CancellationToken cancellationToken) =>
        Get<DashboardSummary>(DashboardSummary.Path, cancellationToken);

    public Task<ClientScope> GetClientScopeAsync(CancellationToken cancellationToken) =>
        Get<ClientScope>(ClientScope.Path, cancellationToken);

    /// <summary>Scopes this session to <paramref name="clientId"/>: every list narrows to it until cleared.</summary>
    public Task<ClientScope> SetClientScopeAsync(Guid clientId, CancellationToken cancellationToken) =>
        SendAsync<ClientScope>(
            () => new HttpRequestMessage(HttpMethod.Put, ClientScope.Path) { Content = Json(new SetClientScopeRequest(clientId)) },
            cancellationToken);

    public Task<ClientScope> ClearClientScopeAsync(CancellationToken cancellationToken) =>
        SendAsync<ClientScope>(() => new HttpRequestMessage(HttpMethod.Delete, ClientScope.Path), cancellationToken);
}
