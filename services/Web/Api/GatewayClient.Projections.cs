namespace BillingOne.Web.Api;

/// <summary>The Projections page's calls.</summary>
public sealed partial class GatewayClient
{
    public Task<PagedList<UsageProjection>> GetUsageProjectionsAsync(UsageProjectionQuery query,
        CancellationToken cancellationToken) =>
        Get<PagedList<UsageProjection>>(query.ToRequestUri(), cancellationToken);

    public Task<UsageProjectionSummary> GetUsageProjectionSummaryAsync(UsageProjectionQuery query,
        CancellationToken cancellationToken) =>
        Get<UsageProjectionSummary>(query.ToSummaryUri(), cancellationToken);

    public Task<UsageBacktest> GetUsageBacktestAsync(CancellationToken cancellationToken) =>
        Get<UsageBacktest>(UsageBacktest.Path, cancellationToken);
}
