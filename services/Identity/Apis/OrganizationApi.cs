using BillingOne.BuildingBlocks.Http;
using BillingOne.BuildingBlocks.Security;
using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.Identity.Data;
using BillingOne.Identity.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BillingOne.Identity.Apis;

/// <summary>The caller's organization and its settings (the Settings → Organization page).</summary>
public static class OrganizationApi
{
    private const string BasePath = "/api/identity/organization";

    public static IEndpointRouteBuilder MapOrganizationApi(this IEndpointRouteBuilder app)
    {
        var organization = app.MapGroup(BasePath).WithTags("Organization");

        organization.MapGet("/", GetOrganization)
            .RequireAuthorization(Policies.Read)
            .WithName("GetOrganization")
            .WithSummary("Get the organization's settings")
            .ProducesProblem(StatusCodes.Status404NotFound);

        organization.MapPatch("/", UpdateOrganization)
            .RequireAuthorization(Policies.Admin)
            .WithName("UpdateOrganization")
            .WithSummary("Change the organization's settings")
            .WithDescription("Sets the given members (`name`, `timeZone` IANA id, `currency` ISO-4217 code, " +
                "`billingGraceDays` 0–60, `requireTwoFactor`: every user must sign in with an authenticator code); " +
                "absent members stay as they are. Setting the current values changes nothing. Owners and admins only.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesJsonBodyProblems();

        organization.MapBrandingApi();
        organization.MapNotificationSettingsApi();

        return app;
    }

    public static async Task<Results<Ok<OrganizationResponse>, ProblemHttpResult>> GetOrganization(
        OrganizationStore store, IOrganizationContext organization, CancellationToken cancellationToken)
    {
        var found = await store.FindAsync(organization.OrgId, cancellationToken);
        return found is null ? DirectoryProblems.OrganizationNotFound() : TypedResults.Ok(OrganizationResponse.From(found));
    }

    public static async Task<Results<Ok<OrganizationResponse>, ValidationProblem, ProblemHttpResult>> UpdateOrganization(
        UpdateOrganizationRequest request, OrganizationStore store, IOrganizationContext organization,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var changes = OrganizationChanges.ForEdit(request.Name, request.TimeZone, request.Currency,
            request.BillingGraceDays, errors, request.RequireTwoFactor);
        if (changes is null)
        {
            return TypedResults.ValidationProblem(errors, title: "The settings are not valid.");
        }
        var result = await store.UpdateAsync(organization.OrgId, changes, cancellationToken);
        return result.Value is null
            ? DirectoryProblems.For(result.Status, "Organization", organization.OrgId)
            : TypedResults.Ok(OrganizationResponse.From(result.Value));
    }
}
