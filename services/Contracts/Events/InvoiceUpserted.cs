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
    DateOnly? FullyPaidOn = null) : IIntegrationEvent
{
    /// <summary>The invoice list's statuses (see <see cref="Status"/>).</summary>
    public static readonly IReadOnlyList<string> Statuses =
        ["draft", "submitted", "awaiting", "overdue", "paid", "voided", "deleted"];

    public IReadOnlyList<string> Validate() => new EventProblems(nameof(InvoiceUpserted))
        .Require(OrgId != Guid.Empty && InvoiceId != Guid.Empty, "must carry an organization id and an invoice id.")
        .Require(Version >= 1, $"for invoice {InvoiceId} has version {Version}; versions start at 1.")
        .Require(Statuses.Contains(Status), $"has status '{Status}'; it is one of {string.Join(", ", Statuses)}.")
        .Require(EventProblems.IsCurrencyCode(Currency), $"has currency '{Currency}', not an ISO 4217 code.")
        .Require(!string.IsNullOrWhiteSpace(Source), "has no source.")
        .ToList();
}
