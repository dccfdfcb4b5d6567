using BillingOne.BuildingBlocks.Security;
using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.Projection.Data;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BillingOne.Projection.Apis;

/// <summary>The overview's figures.</summary>
public static class DashboardApi
{
    public static IEndpointRouteBuilder MapDashboardApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/projection/dashboard", GetDashboard)
            .WithTags("Dashboard")
            .RequireAuthorization(Policies.Read)
            .WithName("GetDashboard")
            .WithSummary("Get the overview's figures")
            .WithDescription("MRR (of all active subscriptions: the clients' and, for an organization-wide caller, " +
                "the Pax8 companies mapped to no client's, each shown too), active subscriptions, pending invoices (draft or submitted), under-licensed clients, " +
                "the number of clients and the MRR of the last 12 months (oldest first), over the clients the caller " +
                "may see. Money is in the currency most clients' MRR is in.");
        return app;
    }

    public static async Task<Ok<DashboardResponse>> GetDashboard(DashboardStore store, ReportStore reports,
        IActorContext caller, TimeProvider clock, CancellationToken cancellationToken)
    {
        var dashboard = await store.GetAsync(caller.OrgId, caller.ClientScope, cancellationToken);
        var unmapped = await reports.UnmappedLinesAsync(caller.OrgId, caller.ClientScope, cancellationToken);
        return TypedResults.Ok(DashboardResponse.From(dashboard.WithUnmapped(unmapped, clock.GetUtcNow())));
    }
}
