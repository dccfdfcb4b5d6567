namespace BillingOne.Invoice.Connectors.SuperOps;

// The JSON of SuperOps' GraphQL answers as sent: every field nullable, so a missing one is reported by the validation
// with its path instead of failing the whole read.

internal sealed record GraphQLAnswer<TList>(Dictionary<string, TList?>? Data, IReadOnlyList<GraphQLError?>? Errors);

internal sealed record GraphQLError(string? Message, GraphQLErrorExtensions? Extensions);

internal sealed record GraphQLErrorExtensions(string? Code);

internal sealed record ListInfoDocument(int? Page, int? PageSize, bool? HasMore, int? TotalCount);

internal sealed record InvoiceListDocument(IReadOnlyList<InvoiceDocument?>? Invoices, ListInfoDocument? ListInfo);

internal sealed record ClientListDocument(IReadOnlyList<ClientDocument?>? Clients, ListInfoDocument? ListInfo);

internal sealed record ClientReferenceDocument(string? AccountId, string? Name);

internal sealed record ServiceItemDocument(string? ItemId, string? Name);

internal sealed record InvoiceItemDocument(
    string? ItemId,
    ServiceItemDocument? ServiceItem,
    string? Description,
    decimal? Quantity,
    decimal? UnitPrice,
    decimal? Amount);

internal sealed record InvoiceDocument(
    string? InvoiceId,
    string? DisplayId,
    ClientReferenceDocument? Client,
    string? InvoiceDate,
    string? DueDate,
    string? StatusEnum,
    decimal? TotalAmount,
    string? Currency,
    IReadOnlyList<InvoiceItemDocument?>? Items);

internal sealed record ClientDocument(string? AccountId, string? Name, string? Status);
