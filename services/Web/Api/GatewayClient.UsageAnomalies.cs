namespace BillingOne.Web.Api;

/// <summary>The dashboard's Usage Anomalies panel's calls.</summary>
public sealed partial class GatewayClient
{
    /// <summary>The first <paramref name="count"/> anomalies, largest estimated impact first.</summary>
    public Task<PagedList<UsageAnomaly>> GetUsageAnomaliesAsync(int count, CancellationToken cancellationToken) =>
        Get<PagedList<UsageAnomaly>>(ApiQuery.Build(UsageAnomaly.Path, ("pageSize", count)), cancellationToken);

    /// <summary>Which day the anomalies judge and when they were computed.</summary>
    public Task<UsageAnomalyStatus> GetUsageAnomalyStatusAsync(CancellationToken cancellationToken) =>
        Get<UsageAnomalyStatus>(UsageAnomalyStatus.Path, cancellationToken);
}
