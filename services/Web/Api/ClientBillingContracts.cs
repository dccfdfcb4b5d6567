namespace BillingOne.Web.Api;

// The web UI's view of the projection service's client billing picture and dashboard, and of the identity
// service's session client scope:
//   GET /api/projection/clients/{clientId}
//   GET /api/projection/dashboard
//   GET/PUT/DELETE /api/identity/session/client-scope

/// <summary>One client's billing picture (the Clients detail page).</summary>
/// <param name="Devices">Managed devices in the latest RMM snapshot (meaningless while <see cref="Status"/> is no-data).</param>
/// <param name="Variance">Devices minus device licences (positive = under-licensed); null without a snapshot.</param>
/// <param name="TotalSpend">The client's non-voided invoices added up; null while it has none.</param>
/// <param name="BillingContact">The contact of the client's latest invoice.</param>
/// <param name="MissedBillingOpen">The monthly amount of the client's open missed-billing opportunities.</param>
/// <param name="Invoices">How many invoices the client has.</param>
public sealed record ClientDetail(
    Guid ClientId,
    string Name,
    bool Enabled,
    MoneyAmount Mrr,
    int Subscriptions,
    int Devices,
    int Licenses,
    int? Variance,
    string Status,
    int DeviceLicenses,
    int UserLicenses,
    DateTimeOffset? SnapshotTakenAt,
    MoneyAmount? TotalSpend,
    string? BillingContact,
    decimal? MissedBillingOpen,
    int Invoices)
{
    /// <summary>The device count, or null when no reconciliation snapshot covers the client.</summary>
    public int? SnapshotDevices => Status == ClientStatuses.NoData ? null : Devices;
}

/// <summary>The BillingOne dashboard's figures, narrowed to the client scope when there is one.</summary>
/// <param name="PendingInvoices">Invoices in draft or submitted status.</param>
/// <param name="Mrr">All active subscriptions' MRR: <paramref name="ClientsMrr"/> + <paramref name="UnmappedMrr"/>.</param>
/// <param name="UnmappedMrr">The MRR of the Pax8 companies mapped to no client.</param>
/// <param name="MrrTrend">MRR at each of the last 12 months, oldest first.</param>
public sealed record DashboardSummary(
    string? Currency,
    decimal Mrr,
    int ActiveSubscriptions,
    int PendingInvoices,
    int UnderLicensedClients,
    int Clients,
    IReadOnlyList<MrrTrendPoint> MrrTrend,
    decimal ClientsMrr = 0m,
    decimal UnmappedMrr = 0m)
{
    public const string Path = "api/projection/dashboard";
}

/// <summary>MRR in one calendar month.</summary>
public sealed record MrrTrendPoint(int Year, int Month, decimal Amount);

/// <summary>The client the signed-in session is scoped to; both null for the whole organization.</summary>
public sealed record ClientScope(Guid? ClientId, string? ClientName)
{
    public const string Path = "api/identity/session/client-scope";

    public bool IsScoped => ClientId is not null;
}

public sealed record SetClientScopeRequest(Guid ClientId);
