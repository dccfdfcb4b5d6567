using System.ComponentModel;
using BillingOne.BuildingBlocks.Auditing;
using BillingOne.BuildingBlocks.Csv;
using BillingOne.BuildingBlocks.Http;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.BuildingBlocks.Security;
using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.Invoice.Data;
using BillingOne.Invoice.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace BillingOne.Invoice.Apis;

/// <summary>The organization's invoices from Xero (and SuperOps) as the last syncs left them (Invoices page).</summary>
public static class InvoicesApi
{
    private const string BasePath = "/api/invoice/invoices";

    public static IEndpointRouteBuilder MapInvoicesApi(this IEndpointRouteBuilder app)
    {
        var invoices = app.MapGroup(BasePath).WithTags("Invoices");

        invoices.MapList(ListInvoices, "ListInvoices", "List invoices",
            "A page of the synced invoices with contact, client, status, dates and amounts. `search` matches the number, " +
            "reference, client or contact name, or an amount (`1250`, `1,250.00`) equal to the total or the amount due; " +
            $"`status` is one of {string.Join(", ", InvoiceStatuses.All)}; `source` xero or superops; `clientId` keeps one " +
            "client's; `unmapped=true` keeps those whose contact is mapped to no client; `from` and `to` (YYYY-MM-DD, both " +
            "included, either may be left open) keep those issued in that range; `sort` is issuedOn (default, newest " +
            "first), number, client, total, amountDue, dueOn or status; `direction` asc or desc.");

        invoices.MapGet("/export", ExportInvoices)
            .RequireAuthorization(Policies.Read)
            .WithName("ExportInvoices")
            .WithSummary("Export invoices as CSV")
            .WithDescription("Every invoice the list's filters select, in its order, as text/csv with a header row.")
            .Produces(StatusCodes.Status200OK, contentType: CsvFiles.ContentType)
            .ProducesValidationProblem();

        invoices.MapGet("/summary", Summarize)
            .RequireAuthorization(Policies.Read)
            .WithName("SummarizeInvoices")
            .WithSummary("Count invoices by status")
            .WithDescription("How many invoices there are, by status, how many are unmapped, and how many are pending (draft + submitted).");

        invoices.MapItem(GetInvoice, "GetInvoice", "Get an invoice with its lines");

        invoices.MapPost("/republish", RepublishInvoices)
            .RequireAuthorization(Policies.Admin)
            .OrganizationWideOnly()
            .WithName("RepublishInvoices")
            .WithSummary("Republish every invoice")
            .WithDescription("Publishes InvoiceUpserted for every stored invoice of the organization (a new version each, " +
                "all in one transaction), so that read models elsewhere (reconciliation, projection) catch up. Delivered " +
                "asynchronously: 202 with the number of invoices.");
        return app;
    }

    public static async Task<Results<Ok<PagedResult<InvoiceResponse>>, ValidationProblem>> ListInvoices(
        [AsParameters] InvoiceListParameters parameters, [AsParameters] PageParameters paging, InvoiceStore store,
        IActorContext caller, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (parameters.Parse(paging.Page, paging.PageSize, errors) is not { } query)
        {
            return EndpointConventions.InvalidListQuery(errors);
        }
        var page = await store.ListAsync(caller.OrgId, caller.ClientScope, query, cancellationToken);
        return TypedResults.Ok(page.Select(InvoiceResponse.From));
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem>> ExportInvoices(
        [AsParameters] InvoiceListParameters parameters, InvoiceStore store, IActorContext caller, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (parameters.Parse(null, null, errors) is not { } query)
        {
            return EndpointConventions.InvalidListQuery(errors);
        }
        var invoices = await store.ExportAsync(caller.OrgId, caller.ClientScope, query, cancellationToken);
        return TypedResults.File(InvoiceCsv.Write(invoices.Select(InvoiceResponse.From)), CsvFiles.ContentType,
            $"invoices-{clock.GetUtcNow():yyyy-MM-dd}.csv");
    }

    public static async Task<Ok<InvoiceSummaryResponse>> Summarize(InvoiceStore store, IActorContext caller,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(InvoiceSummaryResponse.From(await store.SummarizeAsync(caller.OrgId, caller.ClientScope, cancellationToken)));

    public static async Task<Results<Ok<InvoiceDetailResponse>, ProblemHttpResult>> GetInvoice(Guid id, InvoiceStore store,
        IActorContext caller, CancellationToken cancellationToken) =>
        await store.FindAsync(caller.OrgId, caller.ClientScope, id, cancellationToken) is { } found
            ? TypedResults.Ok(InvoiceDetailResponse.From(found.Invoice, found.Lines))
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Invoice not found.",
                detail: $"There is no invoice '{id}' in this organization.");

    public static async Task<Accepted<RepublishInvoicesResponse>> RepublishInvoices(InvoiceRepublication republication,
        IAuditTrail audit, IActorContext caller, CancellationToken cancellationToken) =>
        TypedResults.Accepted((string?)null,
            new RepublishInvoicesResponse(await republication.RepublishAsync(caller.OrgId, audit, cancellationToken)));
}

/// <summary>The filters shared by the list and the export.</summary>
public sealed record InvoiceListParameters(
    [property: Description("Number, reference, client or contact name (any part, any case), or an amount such as 1,250.00.")]
    [FromQuery(Name = "search")] string? Search,
    [property: Description("draft, submitted, awaiting, overdue, paid or voided.")]
    [FromQuery(Name = "status")] string? Status,
    [property: Description("xero or superops.")]
    [FromQuery(Name = "source")] string? Source,
    [property: Description("Only this client's invoices.")]
    [FromQuery(Name = "clientId")] string? ClientId,
    [property: Description("true: only invoices whose contact is mapped to no client.")]
    [FromQuery(Name = "unmapped")] string? Unmapped,
    [property: Description("Issued on or after this day (YYYY-MM-DD).")]
    [FromQuery(Name = "from")] string? From,
    [property: Description("Issued on or before this day (YYYY-MM-DD).")]
    [FromQuery(Name = "to")] string? To,
    [property: Description("issuedOn (default), number, client, total, amountDue, dueOn or status.")]
    [FromQuery(Name = "sort")] string? Sort,
    [property: Description("asc or desc (default desc for issuedOn, else asc).")]
    [FromQuery(Name = "direction")] string? Direction)
{
    public InvoiceListQuery? Parse(int? page, int? pageSize, IDictionary<string, string[]> errors) =>
        InvoiceListQuery.Parse(Search, Status, Source, ClientId, Unmapped, From, To, Sort, Direction, page, pageSize, errors);
}
