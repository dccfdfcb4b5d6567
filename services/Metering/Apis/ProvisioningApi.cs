using BillingOne.BuildingBlocks.Http;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.BuildingBlocks.Security;
using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.Metering.Data;
using BillingOne.Metering.Provisioning;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BillingOne.Metering.Apis;

/// <summary>
/// Auto-provisioning runs: unit type templates create unreviewed buckets for clients with matching assets and no
/// bucket of the unit type. Runs come from the nightly schedule or from here, one at a time per organization.
/// </summary>
public static class ProvisioningApi
{
    private const string BasePath = "/api/metering/provisioning/runs";

    public static IEndpointRouteBuilder MapProvisioningApi(this IEndpointRouteBuilder app)
    {
        var provisioning = app.MapGroup(BasePath).WithTags("Auto-provisioning");

        provisioning.MapPost("/", StartRun)
            .RequireAuthorization(Policies.Billing)
            .WithName("StartProvisioningRun")
            .WithSummary("Run auto-provisioning now")
            .WithDescription("Starts a run in the background and answers 202 with it; follow it with " +
                "`GET /api/metering/provisioning/runs/{id}`. While a run is in progress the answer is 200 with that " +
                "run instead. Not for client-scoped keys: a run covers the whole organization.");

        provisioning.MapList(ListRuns, "ListProvisioningRuns", "List auto-provisioning runs", "Newest first;");

        provisioning.MapItem(GetRun, "GetProvisioningRun", "Get an auto-provisioning run with its progress");

        return app;
    }

    public static async Task<Results<Accepted<ProvisioningRunResponse>, Ok<ProvisioningRunResponse>, ProblemHttpResult>>
        StartRun(ProvisioningRunner runner, IActorContext caller, CancellationToken cancellationToken)
    {
        var (run, started) = await runner.StartManualAsync(caller.OrgId, caller.ActorId, cancellationToken);
        var response = ProvisioningRunResponse.From(run);
        return started ? TypedResults.Accepted($"{BasePath}/{run.Id}", response) : TypedResults.Ok(response);
    }

    public static async Task<Results<Ok<PagedResult<ProvisioningRunResponse>>, ValidationProblem>> ListRuns(
        [AsParameters] PageParameters parameters, ProvisioningRunStore runs,
        IOrganizationContext organization, CancellationToken cancellationToken)
    {
        if (!EndpointConventions.TryParsePage(parameters.Page, parameters.PageSize, out var page, out var invalid))
        {
            return invalid;
        }
        var result = await runs.ListAsync(organization.OrgId, page, cancellationToken);
        return TypedResults.Ok(result.Select(ProvisioningRunResponse.From));
    }

    public static async Task<Results<Ok<ProvisioningRunResponse>, ProblemHttpResult>> GetRun(
        Guid id, ProvisioningRunStore runs, IOrganizationContext organization, CancellationToken cancellationToken)
    {
        var run = await runs.FindAsync(organization.OrgId, id, cancellationToken);
        return run is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Provisioning run not found.",
                detail: $"There is no provisioning run '{id}' in this organization.")
            : TypedResults.Ok(ProvisioningRunResponse.From(run));
    }
}
