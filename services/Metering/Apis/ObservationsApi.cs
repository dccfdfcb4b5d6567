using System.ComponentModel;
using BillingOne.BuildingBlocks.Auditing;
using BillingOne.BuildingBlocks.Security;
using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.Metering.Data;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BillingOne.Metering.Apis;

/// <summary>
/// Bucket usage observations (BucketUsageObserved), which the projection service projects from: metering publishes
/// them by itself; this lets an administrator have them all published again for a read model being rebuilt.
/// </summary>
public static class ObservationsApi
{
    public static IEndpointRouteBuilder MapObservationsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/metering/observations/republish", RepublishObservations)
            .WithTags("Buckets")
            .RequireAuthorization(Policies.Admin)
            .OrganizationWideOnly()
            .WithName("RepublishBucketObservations")
            .WithSummary("Republish every bucket's usage observations")
            .WithDescription("Publishes BucketUsageObserved (a new version each) once more: the final observation of " +
                "every bucket in every finalized month, and — after the debounce — every bucket's observation of its " +
                "client's current period. Delivered asynchronously: 202 with the number of buckets marked and of " +
                "final observations published.");
        return app;
    }

    public static async Task<Accepted<RepublishObservationsResponse>> RepublishObservations(
        UsageObservationStore observations, IAuditTrail audit, IActorContext caller,
        CancellationToken cancellationToken)
    {
        var (marked, final) = await observations.RepublishAsync(caller.OrgId, audit, cancellationToken);
        return TypedResults.Accepted((string?)null, new RepublishObservationsResponse(marked, final));
    }
}

public sealed record RepublishObservationsResponse(
    [property: Description("Buckets whose current-period observation is published again after the debounce.")]
    int Buckets,
    [property: Description("Final observations of finalized months published again.")] int FinalObservations);
