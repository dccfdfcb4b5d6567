using System.ComponentModel;
using System.Globalization;
using BillingOne.BuildingBlocks.Auditing;
using BillingOne.BuildingBlocks.Http;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.BuildingBlocks.Security;
using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.Invoice.Data;
using BillingOne.Invoice.Domain;
using BillingOne.Invoice.DraftInvoices;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace BillingOne.Invoice.Apis;

/// <summary>The draft invoices finalized billing months became, and how their push to Xero went (Billing Readings).</summary>
public static class DraftInvoicesApi
{
    private const string BasePath = "/api/invoice/draft-invoices";

    public static IEndpointRouteBuilder MapDraftInvoicesApi(this IEndpointRouteBuilder app)
    {
        var drafts = app.MapGroup(BasePath).WithTags("Draft invoices");

        drafts.MapList(List, "ListDraftInvoices", "List the draft invoices of finalized months",
            "One per client, month and currency, newest month first: total, lines, `status` (" +
            $"{string.Join(", ", DraftInvoiceStatuses.All)}), the Xero invoice it became and why it is not pushed yet. " +
            "`period` (yyyy-MM), `clientId` and `status` filter.");

        drafts.MapPost("/{id:guid}/retry", Retry)
            .RequireAuthorization(Policies.Billing)
            .OrganizationWideOnly()
            .WithName("RetryDraftInvoice")
            .WithSummary("Push a draft invoice again now")
            .WithDescription("Queues a draft that is not pushed (failed, waiting for a mapping or for Xero) for a push now. " +
                "It keeps its idempotency key, so Xero never creates it twice. Audited. 404 when there is no such draft left to push.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Results<Ok<PagedResult<DraftInvoiceView>>, ValidationProblem>> List(
        [AsParameters] DraftInvoiceListParameters parameters, [AsParameters] PageParameters paging, DraftInvoiceStore store,
        IActorContext caller, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var page = PageRequest.Parse(paging.Page, paging.PageSize, errors);
        var period = parameters.Period is { } text ? ParsePeriod(text, errors) : null;
        Guid? clientId = null;
        if (parameters.ClientId is { } clientText)
        {
            if (Guid.TryParse(clientText, out var parsed))
            {
                clientId = parsed;
            }
            else
            {
                errors["clientId"] = ["clientId must be a client's id (a GUID)."];
            }
        }
        if (parameters.Status is { } status && !DraftInvoiceStatuses.All.Contains(status))
        {
            errors["status"] = [$"status must be one of {string.Join(", ", DraftInvoiceStatuses.All)}."];
        }
        if (errors.Count > 0)
        {
            return EndpointConventions.InvalidListQuery(errors);
        }
        return TypedResults.Ok(await store.ListAsync(caller.OrgId, caller.ClientScope, period?.Year, period?.Month, clientId,
            parameters.Status, page, cancellationToken));
    }

    /// <summary>
    /// The <c>period</c> filter, a <c>yyyy-MM</c> month; a value that is not one adds an error saying whether it is
    /// malformed or out of range.
    /// </summary>
    public static (int Year, int Month)? ParsePeriod(string text, IDictionary<string, string[]> errors)
    {
        if (text.Length != 7 || text[4] != '-'
            || !int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(text.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var month))
        {
            errors["period"] = ["period must be a month written yyyy-MM, e.g. 2026-01."];
            return null;
        }
        // The calendar has no year 0000, and four digits write none after 9999.
        if (year < 1 || month is < 1 or > 12)
        {
            errors["period"] = ["period must be a month from 0001-01 to 9999-12."];
            return null;
        }
        return (year, month);
    }

    public static async Task<Results<Accepted, ProblemHttpResult>> Retry(Guid id, DraftInvoiceStore store,
        DraftInvoiceSignal signal, IActorContext caller, IAuditTrail audit, CancellationToken cancellationToken)
    {
        if (!await store.RetryAsync(caller.OrgId, caller.ClientScope, id, audit, cancellationToken))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No draft invoice to push.",
                detail: $"There is no draft invoice '{id}' waiting for a push in this organization.");
        }
        signal.Raise();
        return TypedResults.Accepted((string?)null);
    }
}

public sealed record DraftInvoiceListParameters(
    [property: Description("The billed month, yyyy-MM.")]
    [FromQuery(Name = "period")] string? Period,
    [property: Description("Only this client's drafts.")]
    [FromQuery(Name = "clientId")] string? ClientId,
    [property: Description("pending, needs-mapping, waiting-for-xero, pushed or failed.")]
    [FromQuery(Name = "status")] string? Status);
