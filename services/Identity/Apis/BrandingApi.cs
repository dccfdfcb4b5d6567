using System.Text.Json;
using BillingOne.BuildingBlocks.Http;
using BillingOne.BuildingBlocks.Security;
using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.Identity.Data;
using BillingOne.Identity.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace BillingOne.Identity.Apis;

/// <summary>The organization's branding (Settings → Branding), which the web app applies to its header.</summary>
public static class BrandingApi
{
    /// <summary>Maps <c>/branding</c> under the organization's group.</summary>
    public static RouteGroupBuilder MapBrandingApi(this RouteGroupBuilder organization)
    {
        organization.MapGet("/branding", GetBranding)
            .RequireAuthorization(Policies.Read)
            .WithName("GetOrganizationBranding")
            .WithSummary("Get the organization's branding")
            .ProducesProblem(StatusCodes.Status404NotFound);

        organization.MapPatch("/branding", UpdateBranding)
            .RequireAuthorization(Policies.Admin)
            .WithName("UpdateOrganizationBranding")
            .WithSummary("Change the organization's branding")
            .WithDescription("Sets the given members (`displayName`, `accentColor` `#RRGGBB`, `logoUrl` absolute https, " +
                "`supportEmail`); absent members stay as they are and an explicit null restores a member's default. " +
                "Setting the current values changes nothing.")
            .Accepts<UpdateBrandingRequest>("application/json")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesJsonBodyProblems();

        return organization;
    }

    public static async Task<Results<Ok<BrandingResponse>, ProblemHttpResult>> GetBranding(
        BrandingStore store, IOrganizationContext organization, CancellationToken cancellationToken)
    {
        var found = await store.FindAsync(organization.OrgId, cancellationToken);
        return found is null ? DirectoryProblems.OrganizationNotFound() : TypedResults.Ok(BrandingResponse.From(found));
    }

    public static async Task<Results<Ok<BrandingResponse>, ValidationProblem, ProblemHttpResult>> UpdateBranding(
        [FromBody] JsonElement request, BrandingStore store, IOrganizationContext organization,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var given = GivenMembers(request, errors);
        var changes = given is null ? null : BrandingChanges.ForEdit(given, errors);
        if (changes is null)
        {
            return TypedResults.ValidationProblem(errors, title: "The branding is not valid.");
        }
        var result = await store.UpdateAsync(organization.OrgId, changes, cancellationToken);
        return result.Value is null
            ? DirectoryProblems.For(result.Status, "Organization", organization.OrgId)
            : TypedResults.Ok(BrandingResponse.From(result.Value));
    }

    /// <summary>
    /// The branding members the body names, with their values: a record would read an absent member and a null one
    /// alike, and here null means "back to the default". Names match in any case, as the service's JSON does.
    /// </summary>
    private static Dictionary<string, string?>? GivenMembers(JsonElement body, Dictionary<string, string[]> errors)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors[string.Empty] = ["The body must be a JSON object."];
            return null;
        }
        var given = new Dictionary<string, string?>();
        foreach (var member in body.EnumerateObject())
        {
            var field = BrandingChanges.Fields.FirstOrDefault(
                field => string.Equals(field, member.Name, StringComparison.OrdinalIgnoreCase));
            if (field is null)
            {
                continue;
            }
            if (member.Value.ValueKind is JsonValueKind.String or JsonValueKind.Null)
            {
                given[field] = member.Value.GetString();
            }
            else
            {
                errors[field] = [$"{field} must be a string or null."];
            }
        }
        return errors.Count == 0 ? given : null;
    }
}
