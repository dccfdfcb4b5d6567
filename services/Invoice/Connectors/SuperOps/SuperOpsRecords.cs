namespace BillingOne.Invoice.Connectors.SuperOps;

/// <summary>An invoice as SuperOps answers it, checked: <see cref="Status"/> is one of SuperOps' <c>InvoiceStatus</c> values (DRAFT, APPROVED, PAID, OVERDUE, VOID); <see cref="Currency"/> is the account's, as SuperOps sends none.</summary>
public sealed record SuperOpsInvoice(
    string InvoiceId,
    string DisplayId,
    string AccountId,
    string ClientName,
    DateOnly InvoiceDate,
    DateOnly? DueDate,
    string Status,
    decimal TotalAmount,
    string Currency,
    IReadOnlyList<SuperOpsInvoiceLine> Lines);

public sealed record SuperOpsInvoiceLine(string? ItemName, string Description, decimal Quantity, decimal UnitPrice, decimal Amount);

/// <summary>A SuperOps client (an account), the vendor account the subscription service maps to a BillingOne client.</summary>
public sealed record SuperOpsAccount(string AccountId, string Name);

/// <summary>One page of a list: the items that passed the checks and, by position, the ones refused and why.</summary>
public sealed record SuperOpsPage<T>(int Number, int TotalCount, IReadOnlyList<T> Items, IReadOnlyList<SuperOpsRejectedItem> Rejected);

/// <param name="What">Where the item was, e.g. <c>getInvoiceList page 3 item 7 (invoice 41002)</c>.</param>
public sealed record SuperOpsRejectedItem(string What, string Reason);
