namespace BillingOne.Projection.Domain;

/// <summary>
/// A row of the Clients screen: the client and its billing figures. MRR is in <see cref="MrrCurrency"/>
/// (ISO 4217), null while the client has no subscription to take a currency from. <see cref="Licenses"/> are the
/// device licences (what devices are compared with); <see cref="Devices"/>, <see cref="Variance"/> and
/// <see cref="Status"/> come from the client's latest reconciliation.
/// </summary>
public sealed record ClientBillingSnapshot(
    Guid ClientId,
    string Name,
    bool Enabled,
    string TimeZone,
    decimal MrrAmount,
    string? MrrCurrency,
    int Subscriptions,
    int Devices,
    int Licenses,
    int UserLicenses,
    int? Variance,
    ClientBillingStatus Status,
    DateTimeOffset? SnapshotTakenAt,
    decimal MissedBillingOpen,
    string? MissedBillingCurrency,
    DateTimeOffset UpdatedAt);

/// <summary>What a client's invoices say: how many, its total spend and who they are addressed to.</summary>
/// <param name="SpendAmount">Σ totals of the client's invoices that are not voided, in <paramref name="SpendCurrency"/> (that of the latest such invoice); null without one.</param>
/// <param name="BillingContact">The contact of the client's latest invoice.</param>
public sealed record ClientInvoiceFigures(long Invoices, decimal? SpendAmount, string? SpendCurrency, string? BillingContact);

/// <summary>A row of the Clients list: the client's snapshot and what its invoices say.</summary>
public sealed record ClientListEntry(ClientBillingSnapshot Snapshot, ClientInvoiceFigures Invoices);
