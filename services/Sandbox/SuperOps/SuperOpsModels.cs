namespace BillingOne.Sandbox.SuperOps;

/// <summary>A client (account) as <c>getClientList</c> answers it.</summary>
public sealed record SuperOpsClient(string AccountId, string Name, string Stage, string Status, IReadOnlyList<string> EmailDomains);

public sealed record SuperOpsClientRef(string AccountId, string Name);

public sealed record SuperOpsServiceItem(string ItemId, string Name);

public sealed record SuperOpsInvoiceItem(
    string ItemId,
    SuperOpsServiceItem ServiceItem,
    string Description,
    decimal Quantity,
    decimal UnitPrice,
    decimal Amount);

/// <summary>
/// An invoice as <c>getInvoiceList</c> answers it. <see cref="StatusEnum"/> is <c>DRAFT</c>, <c>SENT</c>, <c>PAID</c> or
/// <c>OVERDUE</c>; dates are ISO <c>yyyy-MM-dd</c>.
/// </summary>
public sealed record SuperOpsInvoice(
    string InvoiceId,
    string DisplayId,
    SuperOpsClientRef Client,
    string InvoiceDate,
    string DueDate,
    string StatusEnum,
    decimal TotalAmount,
    string Currency,
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
