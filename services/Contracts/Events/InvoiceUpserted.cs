namespace BillingOne.Contracts.Events;

/// <summary>
/// The invoice service stored a new or changed invoice (a Xero or SuperOps sync), or its client changed because the
/// contact was mapped, moved or unmapped. <see cref="Version"/> grows with every change of the invoice: read copies
/// keep the highest.
/// </summary>
/// <param name="Source"><c>xero</c> or <c>superops</c>.</param>
/// <param name="ClientId">The client the invoice's contact is mapped to; null while unmapped.</param>
/// <param name="FullyPaidOn">The day the invoice was paid in full, as the vendor records it (Xero's FullyPaidOnDate); null
/// while anything is due or when the vendor does not say (SuperOps). Added after the first release: older events lack it.</param>
/// <param name="Status">The invoice list's vocabulary: <c>draft</c>, <c>submitted</c>, <c>awaiting</c>, <c>overdue</c>, <c>paid</c>, <c>voided</c> or <c>deleted</c>.</param>
public sealed record InvoiceUpserted(
    Guid OrgId,
    Guid InvoiceId,
    string Source,
    Guid? ClientId,
    string? ContactName,
    string? Number,
    string? Reference,
    string Status,
    DateOnly? IssueDate,
    DateOnly? DueDate,
    string Currency,
    decimal Total,
    decimal AmountDue,
    long Version,
    DateTimeOffset UpdatedAt,
    DateOnly? FullyPaidOn = null);
