using BillingOne.BuildingBlocks.Security;
using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.Subscription.Data;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BillingOne.Subscription.Apis;

/// <summary>
/// Clients' licence side (MRR, licences, device licence price, MRR history), as <c>ClientLicensesChanged</c> publishes
/// it, and the republication of every client's figures for read models being rebuilt elsewhere.
/// </summary>
public static class LicensesApi
{
    public static IEndpointRouteBuilder MapLicensesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/subscription/clients/{clientId:guid}/licenses", GetClientLicenses)
            .WithTags("Clients")
            .RequireAuthorization(Policies.Read)
            .WithName("GetClientLicenses")
            .WithSummary("Get a client's MRR and licences")
            .WithDescription("Computed now from the active subscriptions of the Pax8 companies mapped to the client and " +
                "the catalog mapping. `mrrHistory` holds the MRR at the end of each of the last 12 calendar months (UTC), " +
                "oldest first: a subscription counts in a month it had started by the month's end and had not ended " +
                "(end date) or gone from Pax8 by then; one that is not active now (e.g. cancelled) counts only up to its " +
                "end date, so without one it counts for no month. With active subscriptions in several currencies the " +
                "MRR, its history and the device licence price are in the currency of the largest monthly value and " +
                "leave the others out; licence counts include them all.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapPost("/api/subscription/licenses/republish", RepublishLicenses)
            .WithTags("Clients")
            .RequireAuthorization(Policies.Admin)
            .OrganizationWideOnly()
            .WithName("RepublishClientLicenses")
            .WithSummary("Republish every client's licence figures")
            .WithDescription("Publishes ClientLicensesChanged for every client with its current figures (a new version " +
                "each) and UnmappedSubscriptionsChanged with the subscriptions of the companies mapped to no client, for a read model being rebuilt. Delivered asynchronously: 202 with the number of clients.");
        return app;
    }

    public static async Task<Results<Ok<ClientLicensesResponse>, ProblemHttpResult>> GetClientLicenses(Guid clientId,
        ClientLicenseStore store, IActorContext caller, CancellationToken cancellationToken)
    {
        var figures = await store.FindAsync(caller.OrgId, caller.ClientScope, clientId, cancellationToken);
        return figures is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Client not found.",
                detail: $"There is no client '{clientId}' in this organization.")
            : TypedResults.Ok(ClientLicensesResponse.From(clientId, figures));
    }

    public static async Task<Accepted<RepublishResponse>> RepublishLicenses(ClientLicenseStore store, IActorContext caller,
        CancellationToken cancellationToken) =>
        TypedResults.Accepted((string?)null, new RepublishResponse(await store.RepublishAsync(caller.OrgId, cancellationToken)));
}
