namespace BillingOne.Projection.Domain;

/// <summary>
/// The overview: figures of the clients in scope; money in the organization's MRR <see cref="Currency"/>.
/// <see cref="Mrr"/> is that of all active subscriptions: the clients' (<see cref="ClientsMrr"/>) and the companies
/// mapped to no client's (<see cref="UnmappedMrr"/>), which only an organization-wide caller sees; the trend likewise.
/// </summary>
public sealed record BillingDashboard(
    string? Currency,
    decimal ClientsMrr,
    long ActiveSubscriptions,
    long PendingInvoices,
    long UnderLicensedClients,
    long Clients,
    IReadOnlyList<MonthAmount> MrrTrend,
    decimal UnmappedMrr = 0m)
{
    public decimal Mrr => ClientsMrr + UnmappedMrr;

    /// <summary>
    /// With the MRR of the companies mapped to no client (docs/domain.md, "One figure, one definition"): each month's, in
    /// the dashboard's currency, added to the trend; the current month's is <see cref="UnmappedMrr"/>.
    /// </summary>
    public BillingDashboard WithUnmapped(IReadOnlyList<SubscriptionLineCopy> unmappedLines, DateTimeOffset now)
    {
        if (Currency is not { } currency)
        {
            return this;
        }
        decimal At(int year, int month) => SubscriptionAnalytics.MrrAtEnd(unmappedLines, new BillingMonth(year, month), now)
            .GetValueOrDefault(currency);
        var trend = MrrTrend.Select(month => month with { Amount = month.Amount + At(month.Year, month.Month) }).ToList();
        var today = now.UtcDateTime;
        return this with { MrrTrend = trend, UnmappedMrr = At(today.Year, today.Month) };
    }
}

public sealed record MonthAmount(int Year, int Month, decimal Amount);
