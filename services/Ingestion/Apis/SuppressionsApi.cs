using BillingOne.BuildingBlocks.Http;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.BuildingBlocks.Security;
using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.Ingestion.Data;
using BillingOne.Ingestion.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BillingOne.Ingestion.Apis;

/// <summary>
/// The organization's ingest suppression rules: readings whose target field matches a rule are dropped at ingest.
/// Rules are created and deleted, never edited, so the suppressed count always belongs to one pattern.
/// </summary>
public static class SuppressionsApi
{
    private const string BasePath = "/api/ingestion/suppressions";

    public static IEndpointRouteBuilder MapSuppressionsApi(this IEndpointRouteBuilder app)
    {
        var suppressions = app.MapGroup(BasePath).WithTags("Suppressions");

        suppressions.MapList(ListSuppressions, "ListSuppressions", "List ingest suppression rules",
            "A page of the organization's suppression rules, oldest first (the order they are applied in).");

        suppressions.MapItem(GetSuppression, "GetSuppression", "Get an ingest suppression rule");

        suppressions.MapPost("/", CreateSuppression)
            .RequireAuthorization(Policies.Admin)
            .WithName("CreateSuppression")
            .WithSummary("Create an ingest suppression rule")
            .WithDescription($"`pattern` is required (1–{SuppressionRule.MaxPatternLength} characters, no control " +
                "characters) and matched ignoring case. `type` is `glob` (default; `*` any run of characters, `?` one, " +
                "whole value) or `regex` (.NET syntax, matched anywhere; anchor with ^ and $). Regex rules run in time " +
                "linear in the value (.NET's non-backtracking engine), so backreferences, lookarounds, atomic groups " +
                "and conditionals are refused, as are patterns too large once their repetitions are expanded. " +
                "`target` is `asset-id` (default), `source` or `description`. `reason` is optional (at most " +
                $"{SuppressionRule.MaxReasonLength} characters; line breaks and tabs are its only control characters " +
                $"allowed). An organization has at most {SuppressionRule.MaxPerOrganization} rules: one more is a 409.")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesJsonBodyProblems();

        suppressions.MapDelete("/{id:guid}", DeleteSuppression)
            .RequireAuthorization(Policies.Admin)
            .WithName("DeleteSuppression")
            .WithSummary("Delete an ingest suppression rule")
            .WithDescription("Readings matching the rule are ingested again from now on.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    public static async Task<Results<Ok<PagedResult<SuppressionResponse>>, ValidationProblem>> ListSuppressions(
        [AsParameters] PageParameters parameters, SuppressionRuleStore store, IOrganizationContext organization,
        CancellationToken cancellationToken)
    {
        if (!EndpointConventions.TryParsePage(parameters.Page, parameters.PageSize, out var page, out var invalid))
        {
            return invalid;
        }
        var rules = await store.ListAsync(organization.OrgId, page, cancellationToken);
        return TypedResults.Ok(rules.Select(SuppressionResponse.From));
    }

    public static async Task<Results<Created<SuppressionResponse>, ValidationProblem, ProblemHttpResult>> CreateSuppression(
        CreateSuppressionRequest request, SuppressionRuleStore store, IActorContext caller, TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var type = string.IsNullOrWhiteSpace(request.Type)
            ? SuppressionPatternType.Glob
            : SuppressionRuleNames.ParsePatternType(request.Type);
        if (type is null)
        {
            errors["type"] = [$"type must be '{SuppressionRuleNames.Glob}' or '{SuppressionRuleNames.Regex}'."];
        }
        var target = string.IsNullOrWhiteSpace(request.Target)
            ? SuppressionTarget.AssetId
            : SuppressionRuleNames.ParseTarget(request.Target);
        if (target is null)
        {
            errors["target"] = [$"target must be '{SuppressionRuleNames.AssetId}', '{SuppressionRuleNames.Source}' " +
                $"or '{SuppressionRuleNames.Description}'."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The suppression rule is not valid.");
        }

        var now = timeProvider.GetUtcNow();
        var rule = SuppressionRule.Create(Guid.CreateVersion7(now), request.Pattern, type!.Value, target!.Value,
            request.Reason, now, out var error);
        if (rule is null)
        {
            errors[ErrorMember(error!)] = [error!];
            return TypedResults.ValidationProblem(errors, title: "The suppression rule is not valid.");
        }
        if (await store.CreateAsync(caller.OrgId, caller.ActorId, rule, cancellationToken) is not { } stored)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "Too many suppression rules.",
                detail: $"An organization may have at most {SuppressionRule.MaxPerOrganization} suppression rules; " +
                    "delete one before creating another.");
        }
        // A relative location stays right behind the gateway, which forwards paths unchanged.
        return TypedResults.Created($"{BasePath}/{rule.Id}", SuppressionResponse.From(stored));
    }

    public static async Task<Results<Ok<SuppressionResponse>, ProblemHttpResult>> GetSuppression(
        Guid id, SuppressionRuleStore store, IOrganizationContext organization, CancellationToken cancellationToken) =>
        await store.FindAsync(organization.OrgId, id, cancellationToken) is { } stored
            ? TypedResults.Ok(SuppressionResponse.From(stored))
            : RuleNotFound(id);

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteSuppression(
        Guid id, SuppressionRuleStore store, IOrganizationContext organization, CancellationToken cancellationToken) =>
        await store.DeleteAsync(organization.OrgId, id, cancellationToken) ? TypedResults.NoContent() : RuleNotFound(id);

    private static ProblemHttpResult RuleNotFound(Guid id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Suppression rule not found.",
        detail: $"There is no suppression rule '{id}' in this organization.");

    /// <summary>
    /// The request member a <see cref="SuppressionRule.Create"/> message is about: its messages start with the
    /// member's name ("Pattern is required.", "Reason must be..."); type and target were checked before.
    /// </summary>
    private static string ErrorMember(string error) =>
        error.StartsWith("Reason", StringComparison.Ordinal) ? "reason" : "pattern";
}
