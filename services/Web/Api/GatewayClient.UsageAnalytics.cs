namespace BillingOne.Web.Api;

/// <summary>The usage analytics' calls: the dashboard's Usage Billing figures and the Over/Under page.</summary>
public sealed partial class GatewayClient
{
    public Task<UsageDashboard> GetUsageDashboardAsync(CancellationToken cancellationToken) =>
        Get<UsageDashboard>(UsageDashboard.Path, cancellationToken);

    public Task<OverUnderSummary> GetOverUnderSummaryAsync(OverUnderQuery query, CancellationToken cancellationToken) =>
        Get<OverUnderSummary>(query.ToSummaryUri(), cancellationToken);

    public Task<PagedList<OverUnderClient>> GetOverUnderClientsAsync(OverUnderQuery query,
        CancellationToken cancellationToken) =>
        Get<PagedList<OverUnderClient>>(query.ToClientsUri(), cancellationToken);

    public Task<OverUnderTrend> GetOverUnderTrendAsync(CancellationToken cancellationToken) =>
        Get<OverUnderTrend>(OverUnderQuery.TrendUri, cancellationToken);

    public Task<RightSizeCandidates> GetRightSizeCandidatesAsync(OverUnderQuery query,
        CancellationToken cancellationToken) =>
        Get<RightSizeCandidates>(query.ToRightSizeUri(), cancellationToken);

    public Task<UnitTypeOverUnder> GetUnitTypeOverUnderAsync(OverUnderQuery query, CancellationToken cancellationToken) =>
        Get<UnitTypeOverUnder>(query.ToUnitTypesUri(), cancellationToken);
}
