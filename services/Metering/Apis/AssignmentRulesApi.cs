using BillingOne.BuildingBlocks.Http;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.BuildingBlocks.Security;
using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.Metering.Data;
using BillingOne.Metering.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BillingOne.Metering.Apis;

/// <summary>
/// Assignment rules: a newly discovered, unassigned asset whose external id (or source) matches a rule's glob goes
/// to the rule's client; the oldest matching rule wins. Rules are organization-wide settings: client-scoped callers
/// see their own client's rules and change none.
/// </summary>
public static class AssignmentRulesApi
{
    private const string BasePath = "/api/metering/assignment-rules";

    public static IEndpointRouteBuilder MapAssignmentRulesApi(this IEndpointRouteBuilder app)
    {
        var rules = app.MapGroup(BasePath).WithTags("Assignment rules");

        rules.MapList(ListAssignmentRules, "ListAssignmentRules", "List asset assignment rules",
            "A page of the organization's assignment rules, oldest first (the order they are applied in).");

        rules.MapPost("/", CreateAssignmentRule)
            .RequireAuthorization(Policies.Billing)
            .WithName("CreateAssignmentRule")
            .WithSummary("Create an asset assignment rule")
            .WithDescription("`pattern` (a glob: `*` any run of characters, `?` one, whole value, any case) and " +
                "`clientId` (a client metering knows) are required; `target` is `asset-id` (default) or `source`. " +
                "The rule also assigns the unassigned assets it matches at once; `assignedAssets` says how many.")
            .ProducesJsonBodyProblems();

        rules.MapDelete("/{id:guid}", DeleteAssignmentRule)
            .RequireAuthorization(Policies.Billing)
            .WithName("DeleteAssignmentRule")
            .WithSummary("Delete an asset assignment rule")
            .WithDescription("Assets the rule assigned keep their client.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    public static async Task<Results<Ok<PagedResult<AssignmentRuleResponse>>, ValidationProblem>> ListAssignmentRules(
        [AsParameters] PageParameters parameters, AssignmentRuleStore store, IActorContext caller,
        CancellationToken cancellationToken)
    {
        if (!EndpointConventions.TryParsePage(parameters.Page, parameters.PageSize, out var page, out var invalid))
        {
            return invalid;
        }
        var rules = await store.ListAsync(caller.OrgId, caller.ClientScope, page, cancellationToken);
        return TypedResults.Ok(rules.Select(AssignmentRuleResponse.From));
    }

    public static async Task<Results<Created<AssignmentRuleResponse>, ValidationProblem, ProblemHttpResult>>
        CreateAssignmentRule(CreateAssignmentRuleRequest request, AssignmentRuleStore store, IActorContext caller,
            CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var definition = AssignmentRuleDefinition.Create(request.Pattern, request.Target, request.ClientId, errors);
        if (definition is null)
        {
            return TypedResults.ValidationProblem(errors, title: "The assignment rule is not valid.");
        }
        var rule = await store.CreateAsync(caller.OrgId, caller.ActorId, definition, cancellationToken);
        if (rule is null)
        {
            errors["clientId"] = [$"Metering knows no client '{definition.ClientId}' in this organization."];
            return TypedResults.ValidationProblem(errors, title: "The assignment rule is not valid.");
        }
        // No Location: rules are read through the list, there is no endpoint for one rule.
        return TypedResults.Created((string?)null, AssignmentRuleResponse.From(rule));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAssignmentRule(
        Guid id, AssignmentRuleStore store, IActorContext caller, CancellationToken cancellationToken)
    {
        return await store.DeleteAsync(caller.OrgId, id, cancellationToken)
            ? TypedResults.NoContent()
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Assignment rule not found.",
                detail: $"There is no assignment rule '{id}' in this organization.");
    }

}
