using System.Diagnostics.CodeAnalysis;
using BillingOne.BuildingBlocks.Auditing;
using BillingOne.BuildingBlocks.Csv;
using BillingOne.BuildingBlocks.Http;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.BuildingBlocks.Security;
using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.Contracts.Money;
using BillingOne.Reconciliation.Data;
using BillingOne.Reconciliation.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BillingOne.Reconciliation.Apis;

/// <summary>
/// The Missed Billing page: opportunities from under-licensing, unlicensed devices and uninvoiced overages with their
/// monthly estimates and evidence, the totals per state, the CSV export, and people's decisions (dismiss with a reason,
/// bill, reopen). Client-scoped callers see and decide only their client's.
/// </summary>
public static class MissedBillingApi
{
    private const string FiltersDescription = "`kind` is under-licensed, unlicensed-devices or uninvoiced-overage; " +
        "`state` open, dismissed or billed; `clientId` keeps one client's; `search` matches the client's or bucket's " +
        "name or the evidence; `from` and `to` (YYYY-MM-DD, UTC, both optional, `from` on or before `to`) keep those found " +
        "on those days; `sort` is amount (default, largest first), client, kind or updated and `direction` asc or desc.";

    public static IEndpointRouteBuilder MapMissedBillingApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup($"{DevicesApi.BasePath}/missed-billing").WithTags("Missed billing");
        group.MapList(List, "ListMissedBilling", "List missed-billing opportunities",
            $"A page of opportunities with their monthly estimate, evidence and state. {FiltersDescription}");
        group.MapGet("/summary", Summary)
            .RequireAuthorization(Policies.Read)
            .WithName("SummarizeMissedBilling")
            .WithSummary("Total the missed-billing opportunities")
            .WithDescription("Count and monthly amount per state, and per kind over the open ones, for what `kind`, " +
                "`clientId`, `search`, `from` and `to` select, in the currency of most opportunities: both count only the " +
                "opportunities in it (and those without an estimate). `byCurrency` has the same per state for every " +
                "currency, that one first.")
            .ProducesValidationProblem();
        group.MapGet("/export", Export)
            .RequireAuthorization(Policies.Read)
            .WithName("ExportMissedBilling")
            .WithSummary("Export missed-billing opportunities as CSV")
            .WithDescription($"Every opportunity the list's filters select (all pages), as text/csv. {FiltersDescription}")
            .Produces(StatusCodes.Status200OK, contentType: CsvFiles.ContentType)
            .ProducesValidationProblem();

        group.MapPost("/{id:guid}/dismiss", Dismiss)
            .RequireAuthorization(Policies.Billing)
            .WithinClientScope()
            .WithName("DismissMissedBilling")
            .WithSummary("Dismiss an open opportunity")
            .WithDescription("`reason` is required. The decision stays through recomputation; 409 unless the opportunity " +
                "is open. Audited.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesJsonBodyProblems();
        group.MapPost("/{id:guid}/bill", Bill)
            .RequireAuthorization(Policies.Billing)
            .WithinClientScope()
            .WithName("BillMissedBilling")
            .WithSummary("Mark an open opportunity billed")
            .WithDescription("The decision stays through recomputation; 409 unless the opportunity is open. Audited.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id:guid}/reopen", Reopen)
            .RequireAuthorization(Policies.Billing)
            .WithinClientScope()
            .WithName("ReopenMissedBilling")
            .WithSummary("Reopen a dismissed or billed opportunity")
            .WithDescription("409 when it is open already or its gap is gone. Audited.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    public static async Task<Results<Ok<PagedResult<MissedBillingResponse>>, ValidationProblem>> List(
        [AsParameters] MissedBillingListParameters parameters, [AsParameters] PageParameters paging,
        ReconciliationQueries queries, IActorContext caller, CancellationToken cancellationToken)
    {
        if (!TryParse(parameters, paging, out var query, out var invalid))
        {
            return invalid;
        }
        var page = await queries.ListMissedBillingAsync(caller.OrgId, caller.ClientScope, query, cancellationToken);
        return TypedResults.Ok(page.Select(MissedBillingResponse.From));
    }

    public static async Task<Results<Ok<MissedBillingSummaryResponse>, ValidationProblem>> Summary(
        [AsParameters] MissedBillingSummaryParameters parameters, ReconciliationQueries queries, IActorContext caller,
        CancellationToken cancellationToken)
    {
        if (!TryParse(new MissedBillingListParameters(parameters.Kind, null, parameters.ClientId, parameters.Search,
                parameters.From, parameters.To, null, null), null, out var query, out var invalid))
        {
            return invalid;
        }
        var totals = await queries.SummarizeMissedBillingAsync(caller.OrgId, caller.ClientScope, query, cancellationToken);
        // There is no exchange rate, so each currency is totalled apart; the count beside an amount is of the
        // opportunities it adds. One without an estimate has no currency and nothing to add: it counts in the main one.
        var currencies = totals.Where(total => total.Currency is not null)
            .GroupBy(total => total.Currency!, StringComparer.Ordinal)
            .OrderByDescending(group => group.Sum(total => total.Count)).ThenBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => group.Key)
            .ToList();
        var currency = currencies.FirstOrDefault();
        MissedBillingTotalResponse Total(string? selected, string state, string? kind = null)
        {
            var counted = totals.Where(total => (total.Currency ?? currency) == selected && total.State == state
                && (kind is null || total.Kind == kind)).ToList();
            return new MissedBillingTotalResponse(counted.Sum(total => total.Count),
                Decimals.Amount(counted.Sum(total => total.Amount), selected));
        }
        MissedBillingCurrencyTotalResponse PerState(string? selected) => new(selected,
            Total(selected, MissedBillingStates.Open), Total(selected, MissedBillingStates.Dismissed),
            Total(selected, MissedBillingStates.Billed));

        var main = PerState(currency);
        return TypedResults.Ok(new MissedBillingSummaryResponse(currency, main.Open, main.Dismissed, main.Billed,
            [.. MissedBillingKinds.All.Select(kind =>
            {
                var open = Total(currency, MissedBillingStates.Open, kind);
                return new MissedBillingKindTotalResponse(kind, open.Count, open.Amount);
            })],
            [.. currencies.Select(PerState)]));
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem>> Export(
        [AsParameters] MissedBillingListParameters parameters, ReconciliationQueries queries, IActorContext caller,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!TryParse(parameters, null, out var query, out var invalid))
        {
            return invalid;
        }
        var all = await queries.ListMissedBillingAsync(caller.OrgId, caller.ClientScope, query, cancellationToken);
        return TypedResults.File(ReconciliationCsv.Write(all.Items.Select(MissedBillingResponse.From)),
            CsvFiles.ContentType, $"missed-billing-{clock.GetUtcNow():yyyy-MM-dd}.csv");
    }

    public static async Task<Results<Ok<MissedBillingResponse>, ValidationProblem, ProblemHttpResult>> Dismiss(Guid id,
        DismissMissedBillingRequest? request, MissedBillingStore store, IActorContext caller, IAuditTrail audit,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (MissedBillingDecisions.Reason(request?.Reason, errors) is not { } reason)
        {
            return TypedResults.ValidationProblem(errors, title: "The dismissal is not valid.");
        }
        return Answer(id, await store.DecideAsync(caller.OrgId, caller.ClientScope, id, MissedBillingDecision.Dismiss,
            reason, caller.Name, audit, cancellationToken));
    }

    public static async Task<Results<Ok<MissedBillingResponse>, ValidationProblem, ProblemHttpResult>> Bill(Guid id,
        MissedBillingStore store, IActorContext caller, IAuditTrail audit, CancellationToken cancellationToken) =>
        Answer(id, await store.DecideAsync(caller.OrgId, caller.ClientScope, id, MissedBillingDecision.Bill, null,
            caller.Name, audit, cancellationToken));

    public static async Task<Results<Ok<MissedBillingResponse>, ValidationProblem, ProblemHttpResult>> Reopen(Guid id,
        MissedBillingStore store, IActorContext caller, IAuditTrail audit, CancellationToken cancellationToken) =>
        Answer(id, await store.DecideAsync(caller.OrgId, caller.ClientScope, id, MissedBillingDecision.Reopen, null,
            caller.Name, audit, cancellationToken));

    private static Results<Ok<MissedBillingResponse>, ValidationProblem, ProblemHttpResult> Answer(Guid id,
        MissedBillingDecisionResult result) => result switch
        {
            { Row: { } row } => TypedResults.Ok(MissedBillingResponse.From(row)),
            { Refusal: { } refusal } => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
                title: "The opportunity cannot take that decision.", detail: refusal),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Opportunity not found.",
                detail: $"There is no missed-billing opportunity '{id}' in this organization."),
        };

    private static bool TryParse(MissedBillingListParameters parameters, PageParameters? paging,
        [NotNullWhen(true)] out MissedBillingListQuery? query, [NotNullWhen(false)] out ValidationProblem? invalid) =>
        EndpointConventions.TryParseListQuery(errors => MissedBillingListQuery.Parse(parameters.Kind, parameters.State,
            parameters.ClientId, parameters.Search, parameters.From, parameters.To, parameters.Sort, parameters.Direction,
            paging?.Page, paging?.PageSize, paged: paging is not null, errors), out query, out invalid);
}
