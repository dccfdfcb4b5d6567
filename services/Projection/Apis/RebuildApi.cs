using BillingOne.BuildingBlocks.Security;
using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.Projection.Projections;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BillingOne.Projection.Apis;

/// <summary>Rebuilding the organization's read models from the projection's event log.</summary>
public static class RebuildApi
{
    public static IEndpointRouteBuilder MapRebuildApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/projection/rebuild", Rebuild)
            .WithTags("Read models")
            .RequireAuthorization(Policies.Admin)
            .OrganizationWideOnly()
            .WithName("RebuildReadModels")
            .WithSummary("Rebuild the read models from the event log")
            .WithDescription("Empties the organization's read models (clients, invoices, MRR history, bucket usage) " +
                "and replays every event the projection logged for it, in the order received, then projects the " +
                "buckets' current periods, in one transaction; events arriving meanwhile are applied after it. " +
                "Audited. Answers how many events were replayed and how many clients the read models hold.");
        return app;
    }

    public static async Task<Ok<RebuildResponse>> Rebuild(ProjectionRebuilder rebuilder, IActorContext caller,
        CancellationToken cancellationToken)
    {
        var result = await rebuilder.RebuildAsync(caller.OrgId, cancellationToken);
        return TypedResults.Ok(new RebuildResponse(result.Events, result.Clients));
    }
}
