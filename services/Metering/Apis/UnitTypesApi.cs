using BillingOne.BuildingBlocks.Http;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.BuildingBlocks.Security;
using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.Metering.Data;
using BillingOne.Metering.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BillingOne.Metering.Apis;

/// <summary>
/// The organization's unit types (seed "Unit Types"): what a metered unit is called, how an asset's readings
/// aggregate into usage, and what the unit costs.
/// </summary>
public static class UnitTypesApi
{
    private const string BasePath = "/api/metering/unit-types";

    public static IEndpointRouteBuilder MapUnitTypesApi(this IEndpointRouteBuilder app)
    {
        var unitTypes = app.MapGroup(BasePath).WithTags("Unit types");

        unitTypes.MapList(ListUnitTypes, "ListUnitTypes", "List unit types",
            "A page of the organization's unit types ordered by name. `search` matches any part of " +
                "the name or key, ignoring case.");

        unitTypes.MapItem(GetUnitType, "GetUnitType", "Get a unit type");

        unitTypes.MapPost("/", CreateUnitType)
            .RequireAuthorization(Policies.Billing)
            .WithName("CreateUnitType")
            .WithSummary("Create a unit type")
            .WithDescription("`key`, `name`, `basePrice`, `overagePrice`, `currency` and `aggregation` are required; " +
                "`autoProvision` defaults to false, `commitUnits` to 0 and `precision` to 0 for the count aggregation, else 2. " +
                "The key must be unique in the organization.")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesJsonBodyProblems();

        unitTypes.MapPatch("/{id:guid}", UpdateUnitType)
            .RequireAuthorization(Policies.Billing)
            .WithName("UpdateUnitType")
            .WithSummary("Change a unit type")
            .WithDescription("Sets the given members; absent members stay as they are, an empty `description` or " +
                "`filterPattern` clears it. Setting the current values changes nothing.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesJsonBodyProblems();

        unitTypes.MapDelete("/{id:guid}", DeleteUnitType)
            .RequireAuthorization(Policies.Billing)
            .WithName("DeleteUnitType")
            .WithSummary("Delete a unit type")
            .WithDescription("A unit type that billing buckets use cannot be deleted (409).")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return app;
    }

    public static async Task<Results<Ok<PagedResult<UnitTypeResponse>>, ValidationProblem>> ListUnitTypes(
        [AsParameters] UnitTypeListParameters parameters, [AsParameters] PageParameters paging,
        UnitTypeStore store, IOrganizationContext organization, CancellationToken cancellationToken)
    {
        if (!EndpointConventions.TryParsePage(paging.Page, paging.PageSize, out var page, out var invalid))
        {
            return invalid;
        }
        var search = string.IsNullOrWhiteSpace(parameters.Search) ? null : parameters.Search.Trim();
        var result = await store.ListAsync(organization.OrgId, search, page, cancellationToken);
        return TypedResults.Ok(result.Select(UnitTypeResponse.From));
    }

    public static async Task<Results<Ok<UnitTypeResponse>, ProblemHttpResult>> GetUnitType(
        Guid id, UnitTypeStore store, IOrganizationContext organization, CancellationToken cancellationToken)
    {
        var unitType = await store.FindAsync(organization.OrgId, id, cancellationToken);
        return unitType is null ? NotFound(id) : TypedResults.Ok(UnitTypeResponse.From(unitType));
    }

    public static async Task<Results<Created<UnitTypeResponse>, ValidationProblem, ProblemHttpResult>> CreateUnitType(
        UnitTypeFields request, UnitTypeStore store, IOrganizationContext organization,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var definition = UnitTypeRules.Create(request, errors);
        if (definition is null)
        {
            return TypedResults.ValidationProblem(errors, title: "The unit type is not valid.");
        }
        var result = await store.CreateAsync(organization.OrgId, definition, cancellationToken);
        if (result.Status == UnitTypeWriteStatus.DuplicateKey)
        {
            return DuplicateKey(definition.Key);
        }
        var unitType = result.UnitType!;
        // A relative location stays right behind the gateway, which forwards paths unchanged.
        return TypedResults.Created($"{BasePath}/{unitType.Id}", UnitTypeResponse.From(unitType));
    }

    public static async Task<Results<Ok<UnitTypeResponse>, ValidationProblem, ProblemHttpResult>> UpdateUnitType(
        Guid id, UnitTypeFields request, UnitTypeStore store, IOrganizationContext organization,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var result = await store.UpdateAsync(organization.OrgId, id,
            current => UnitTypeRules.Change(current, request, errors), cancellationToken);
        return result.Status switch
        {
            UnitTypeWriteStatus.NotFound => NotFound(id),
            UnitTypeWriteStatus.Invalid => TypedResults.ValidationProblem(errors, title: "The change is not valid."),
            UnitTypeWriteStatus.DuplicateKey => DuplicateKey(request.Key!.Trim()),
            _ => TypedResults.Ok(UnitTypeResponse.From(result.UnitType!)),
        };
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteUnitType(
        Guid id, UnitTypeStore store, IOrganizationContext organization, CancellationToken cancellationToken)
    {
        var result = await store.DeleteAsync(organization.OrgId, id, cancellationToken);
        return result.Status switch
        {
            UnitTypeWriteStatus.NotFound => NotFound(id),
            UnitTypeWriteStatus.InUse => TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "Unit type in use.",
                detail: $"The unit type '{id}' is used by {result.Buckets} billing bucket(s); delete those buckets " +
                    "or move them to another unit type first."),
            _ => TypedResults.NoContent(),
        };
    }

    private static ProblemHttpResult NotFound(Guid id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Unit type not found.",
        detail: $"There is no unit type '{id}' in this organization.");

    private static ProblemHttpResult DuplicateKey(string key) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict,
        title: "Unit type key already in use.",
        detail: $"Another unit type of this organization already has the key '{key}'.");
}
