namespace BillingOne.Invoice.Domain;

/// <summary>
/// The statuses the invoice list shows, one vocabulary for Xero and SuperOps. <c>awaiting</c> and <c>overdue</c> are
/// both Xero's AUTHORISED and SuperOps' APPROVED: an approved invoice is overdue once money is still due after its due
/// date (UTC). SuperOps' own OVERDUE is overdue whatever the date: SuperOps decided it.
/// </summary>
public static class InvoiceStatuses
{
    public const string Draft = "draft";
    public const string Submitted = "submitted";
    public const string Awaiting = "awaiting";
    public const string Overdue = "overdue";
    public const string Paid = "paid";
    public const string Voided = "voided";

    public static readonly IReadOnlyList<string> All = [Draft, Submitted, Awaiting, Overdue, Paid, Voided];

    /// <summary>Xero's status words (AUTHORISED, PAID, ...) this service understands.</summary>
    public static readonly IReadOnlyList<string> XeroStatuses = ["DRAFT", "SUBMITTED", "AUTHORISED", "PAID", "VOIDED", "DELETED"];

    /// <summary>SuperOps' <c>statusEnum</c> words (its <c>InvoiceStatus</c> enum).</summary>
    public static readonly IReadOnlyList<string> SuperOpsStatuses = ["DRAFT", "APPROVED", "PAID", "OVERDUE", "VOID"];

    /// <summary>
    /// The list's status of an invoice whose vendor status is <paramref name="vendorStatus"/>, seen on
    /// <paramref name="today"/> (UTC). An unknown word is shown as submitted: it exists, and nobody has paid it.
    /// </summary>
    public static string FromVendor(string vendorStatus, DateOnly? dueOn, decimal amountDue, DateOnly today) =>
        vendorStatus.ToUpperInvariant() switch
        {
            "DRAFT" => Draft,
            "SUBMITTED" => Submitted,
            "AUTHORISED" or "APPROVED" => amountDue > 0 && dueOn is { } due && due < today ? Overdue : Awaiting,
            "OVERDUE" => Overdue,
            "PAID" => Paid,
            "VOIDED" or "DELETED" or "VOID" => Voided,
            _ => Submitted,
        };
}
