using BillingOne.BuildingBlocks.Security;
using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.Contracts.Money;
using BillingOne.Projection.Data;
using BillingOne.Projection.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BillingOne.Projection.Apis;

/// <summary>The dashboard's usage billing figures: this period's projections against last period's billing.</summary>
public static class UsageDashboardApi
{
    public static IEndpointRouteBuilder MapUsageDashboardApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/projection/usage-dashboard", Get)
            .WithTags("Dashboard")
            .RequireAuthorization(Policies.Read)
            .WithName("GetUsageDashboard")
            .WithSummary("Get the dashboard's usage billing figures")
            .WithDescription("This period is the latest month with projections, last period the month before it (the " +
                "latest finalized month without projections). Projected revenue, last period's revenue (Σ base line + " +
                "overage $ of its final observations, each line rounded once) and the change between them; the buckets " +
                "projected over their commit that ended last period at or under it; the top clients this period; last " +
                "period's clients by status (over-commit, under-commit, mixed, on-commit), revenue by source type and " +
                "revenue per client; the latest projection. Money is in the main currency of both periods' buckets " +
                "(that of most, alphabetical on a tie). Disabled buckets are left out; a client-scoped caller's figures " +
                "are its client's.");
        return app;
    }

    public static async Task<Ok<UsageDashboardResponse>> Get(UsageDashboardStore store, IActorContext caller,
        CancellationToken cancellationToken)
    {
        var data = await store.GetAsync(caller.OrgId, caller.ClientScope, cancellationToken);
        var currency = data.Currency;
        decimal? Money(decimal? amount) => amount is { } value ? Decimals.Amount(value, currency) : null;
        var projected = Money(data.ProjectedRevenue);
        var lastRevenue = Money(data.LastPeriodRevenue);
        var (change, percent) = UsageDashboardFigures.MonthOverMonth(projected, lastRevenue);
        return TypedResults.Ok(new UsageDashboardResponse(
            data.Period?.ToString(), data.LastPeriod?.ToString(), currency, projected, lastRevenue, Money(change), percent,
            [.. data.NewOverages.Select(bucket => new NewOverageResponse(bucket.ClientId, bucket.ClientName,
                bucket.BucketId, bucket.BucketName, bucket.CommitUnits, bucket.ProjectedUsage, bucket.PercentOfCommit,
                AnalyticsFigures.Percent(bucket.LastPeriodUsage, bucket.CommitUnits),
                Decimals.Amount(bucket.ProjectedCost, bucket.Currency)))],
            [.. data.TopClients.Select(client => new TopClientResponse(client.ClientId, client.ClientName,
                Decimals.Amount(client.Projected, currency), AnalyticsFigures.Share(client.Projected, projected ?? 0m)))],
            data.LastPeriodStatus is { } status
                ? new ClientStatusCountsResponse(status.OverCommit, status.UnderCommit, status.Mixed, status.OnCommit)
                : null,
            [.. data.RevenueBySourceType
                .OrderByDescending(source => source.Revenue).ThenBy(source => source.SourceType, StringComparer.Ordinal)
                .Select(source => new SourceTypeRevenueResponse(source.SourceType, Decimals.Amount(source.Revenue, currency),
                    AnalyticsFigures.Share(source.Revenue, lastRevenue ?? 0m)))],
            UsageDashboardFigures.AverageRevenuePerClient(lastRevenue, data.ClientsBilledLastPeriod, currency),
            data.ClientsBilledLastPeriod, data.LastProjectionAt));
    }
}
