namespace BillingOne.Sandbox.SuperOps;

/// <summary>A client (account) as <c>getClientList</c> answers it.</summary>
public sealed record SuperOpsClient(string AccountId, string Name, string Stage, string Status, IReadOnlyList<string> EmailDomains);

public sealed record SuperOpsClientRef(string AccountId, string Name);

/// <summary>An item's <c>serviceItem</c>: a JSON scalar in SuperOps' schema holding these three fields.</summary>
public sealed record SuperOpsServiceItem(string ItemId, string Name, string QuantityType);

/// <summary>
/// A line as SuperOps' <c>InvoiceItem</c> type has it: the text is <c>details</c>; quantity, prices and amount are
/// String-typed decimals (invariant culture).
/// </summary>
public sealed record SuperOpsInvoiceItem(
    string ItemId,
    string BilledDate,
    string Details,
    string Quantity,
    string UnitPrice,
    string Amount,
    bool Taxable,
    SuperOpsServiceItem ServiceItem);

/// <summary>
/// An invoice as <c>getInvoiceList</c> answers it, with SuperOps' <c>Invoice</c> type's fields: <c>client</c> is a JSON
/// scalar (accountId and name), <see cref="StatusEnum"/> one of DRAFT, APPROVED, PAID, OVERDUE or VOID,
/// <see cref="TotalAmount"/> a String-typed decimal, and no currency (SuperOps sends none); dates are <c>yyyy-MM-dd</c>.
/// </summary>
public sealed record SuperOpsInvoice(
    string InvoiceId,
    string DisplayId,
    SuperOpsClientRef Client,
    string InvoiceDate,
    string DueDate,
    string StatusEnum,
    bool SentToClient,
    string TotalAmount,
    IReadOnlyList<SuperOpsInvoiceItem> Items);

/// <summary>SuperOps' page information: <c>page</c> counts from 1.</summary>
public sealed record SuperOpsListInfo(int Page, int PageSize, bool HasMore, int TotalCount);

/// <summary>
/// SuperOps' managed-services side of the world: a share of the RMM clients, each billed monthly for its managed
/// workstations and servers. <see cref="ClientIdByAccount"/> links accounts to demo clients, which the API does not reveal.
/// </summary>
public sealed record SuperOpsDemoData(
    IReadOnlyList<SuperOpsClient> Clients,
    IReadOnlyList<SuperOpsInvoice> Invoices,
    IReadOnlyDictionary<string, int> ClientIdByAccount);
