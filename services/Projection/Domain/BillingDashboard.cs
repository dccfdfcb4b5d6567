namespace BillingOne.Projection.Domain;

/// <summary>The overview: figures of the clients in scope; money in the organization's MRR <see cref="Currency"/>.</summary>
public sealed record BillingDashboard(
    string? Currency,
    decimal Mrr,
    long ActiveSubscriptions,
    long PendingInvoices,
    long UnderLicensedClients,
    long Clients,
    IReadOnlyList<MonthAmount> MrrTrend);

public sealed record MonthAmount(int Year, int Month, decimal Amount);
