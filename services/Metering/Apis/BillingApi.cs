using BillingOne.BuildingBlocks.Auditing;
using BillingOne.BuildingBlocks.Http;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.BuildingBlocks.Security;
using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.Metering.Data;
using BillingOne.Metering.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BillingOne.Metering.Apis;

/// <summary>
/// Billing runs (seed "Billing Readings", "Run Billing"): a run prices every enabled bucket's usage over a closed
/// calendar month of its client's time zone and writes the period's draft billing readings.
/// </summary>
public static class BillingApi
{
    private const string RunsPath = "/api/metering/billing-runs";
    private const string ReadingsPath = "/api/metering/billing-readings";

    public static IEndpointRouteBuilder MapBillingApi(this IEndpointRouteBuilder app)
    {
        var runs = app.MapGroup(RunsPath).WithTags("Billing");

        // No WithinClientScope: a run covers the whole organization, so a client-scoped key is refused by policy
        // rather than kept to its client.
        runs.MapPost("/", RequestRun)
            .RequireAuthorization(Policies.Billing)
            .WithName("StartBillingRun")
            .WithSummary("Run billing for a closed month")
            .WithDescription("Queues a run of `{year, month}` and answers 202 with it; follow it with " +
                "`GET /api/metering/billing-runs/{id}`. The month must have ended in every client's time zone (400 " +
                "otherwise). While a run of the same period is queued or running the answer is 409 naming it " +
                "(`runId`). A run replaces the period's draft readings; final readings are never changed.")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesJsonBodyProblems();

        runs.MapList(ListRuns, "ListBillingRuns", "List billing runs", "Newest first;");

        runs.MapItem(GetRun, "GetBillingRun", "Get a billing run with its progress");

        var readings = app.MapGroup(ReadingsPath).WithTags("Billing");
        readings.MapList(ListReadings, "ListBillingReadings", "List a period's billing readings",
            "`period` (YYYY-MM) is required. One reading per bucket, ordered by client and bucket name; client-scoped " +
                "keys see only their client's.");

        return app;
    }

    public static async Task<Results<Accepted<BillingRunResponse>, ValidationProblem, ProblemHttpResult>> RequestRun(
        BillingRunRequestFields request, BillingRunStore runs, BucketQueries buckets, IActorContext caller,
        IAuditTrail audit, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var month = BillingMonth.Create(request.Year, request.Month, errors);
        if (month is null)
        {
            return TypedResults.ValidationProblem(errors, title: "The billing run is not valid.");
        }
        var periods = await buckets.PeriodsForMonthAsync(caller.OrgId, month.Year, month.Month, cancellationToken);
        if (!BillingMonth.HasEnded(periods, timeProvider.GetUtcNow()))
        {
            var end = periods.Max(period => period.End);
            errors["month"] = [$"{month} has not ended in every client's time zone yet (it ends at {end:O}); only " +
                "closed periods can be billed."];
            return TypedResults.ValidationProblem(errors, title: "The billing run is not valid.");
        }

        var result = await runs.RequestAsync(caller.OrgId, month, caller.ActorId, audit, cancellationToken);
        if (result.Queued is { } queued)
        {
            return TypedResults.Accepted($"{RunsPath}/{queued.Id}", BillingRunResponse.From(queued));
        }
        var active = result.Active;
        return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
            title: "A billing run of this period is already in progress.",
            detail: active is null
                ? $"A run of {month} was in progress and has just finished; ask again."
                : $"Billing run '{active.Id}' of {month} is {active.Status.ToApiName()}; wait for it to finish.",
            extensions: new Dictionary<string, object?> { ["runId"] = active?.Id });
    }

    public static async Task<Results<Ok<PagedResult<BillingRunResponse>>, ValidationProblem>> ListRuns(
        [AsParameters] PageParameters parameters, BillingRunStore runs, IOrganizationContext organization,
        CancellationToken cancellationToken)
    {
        if (!EndpointConventions.TryParsePage(parameters.Page, parameters.PageSize, out var page, out var invalid))
        {
            return invalid;
        }
        var result = await runs.ListAsync(organization.OrgId, page, cancellationToken);
        return TypedResults.Ok(result.Select(BillingRunResponse.From));
    }

    public static async Task<Results<Ok<BillingRunResponse>, ProblemHttpResult>> GetRun(
        Guid id, BillingRunStore runs, IOrganizationContext organization, CancellationToken cancellationToken)
    {
        var run = await runs.FindAsync(organization.OrgId, id, cancellationToken);
        return run is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Billing run not found.",
                detail: $"There is no billing run '{id}' in this organization.")
            : TypedResults.Ok(BillingRunResponse.From(run));
    }

    public static async Task<Results<Ok<PagedResult<BillingReadingResponse>>, ValidationProblem>> ListReadings(
        [AsParameters] BillingReadingListParameters parameters, BillingRunStore runs, IActorContext caller,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var month = BillingMonth.Parse(parameters.Period, "period", errors);
        var page = PageRequest.Parse(parameters.Page, parameters.PageSize, errors);
        if (month is null || errors.Count > 0)
        {
            return EndpointConventions.InvalidListQuery(errors);
        }
        var result = await runs.ListReadingsAsync(caller.OrgId, caller.ClientScope, month, page, cancellationToken);
        return TypedResults.Ok(result.Select(BillingReadingResponse.From));
    }
}
