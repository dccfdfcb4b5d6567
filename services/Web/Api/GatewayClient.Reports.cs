namespace BillingOne.Web.Api;

/// <summary>The Reports page's calls (issue 19).</summary>
public sealed partial class GatewayClient
{
    public Task<RevenueReport> GetRevenueReportAsync(ReportQuery query, CancellationToken cancellationToken) =>
        Get<RevenueReport>(query.ToRequestUri(), cancellationToken);

    public Task<PaymentReport> GetPaymentReportAsync(ReportQuery query, CancellationToken cancellationToken) =>
        Get<PaymentReport>(query.ToRequestUri(), cancellationToken);

    public Task<FinancialSummaryReport> GetFinancialSummaryAsync(ReportQuery query, CancellationToken cancellationToken) =>
        Get<FinancialSummaryReport>(query.ToRequestUri(), cancellationToken);

    public Task<SubscriptionReport> GetSubscriptionReportAsync(ReportQuery query, CancellationToken cancellationToken) =>
        Get<SubscriptionReport>(query.ToRequestUri(), cancellationToken);
}
