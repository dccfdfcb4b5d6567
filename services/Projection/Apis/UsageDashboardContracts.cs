using System.ComponentModel;

namespace BillingOne.Projection.Apis;

/// <summary>The dashboard's Usage Billing section.</summary>
public sealed record UsageDashboardResponse(
    [property: Description("This period, YYYY-MM: the latest month with projections; null without projections.")]
    string? Period,
    [property: Description("The month before this period (the latest finalized one without projections); null without either.")]
    string? LastPeriod,
    [property: Description("The currency of most buckets of both periods, which the money figures are in; null without data.")]
    string? Currency,
    [property: Description("Σ projected cost of this period's buckets; null without projections.")] decimal? ProjectedRevenue,
    [property: Description("Σ final cost (base line + overage $) of last period's buckets; null without final observations of it.")]
    decimal? LastPeriodRevenue,
    [property: Description("Projected revenue − last period's; null when either is null.")] decimal? MonthOverMonthChange,
    [property: Description("The change / last period's revenue × 100 (up to 6 decimals, the UI rounds it); null when the change is or that revenue is 0.")]
    decimal? MonthOverMonthPercent,
    [property: Description("Buckets projected over their commit this period that ended last period at or under it, " +
        "highest % of commit first (ten at most).")]
    IReadOnlyList<NewOverageResponse> NewOverages,
    [property: Description("The ten clients with the highest projected cost this period.")]
    IReadOnlyList<TopClientResponse> TopClients,
    [property: Description("Last period's clients by status; null without final observations of it.")]
    ClientStatusCountsResponse? LastPeriodStatus,
    [property: Description("Last period's revenue per bucket source type, largest first.")]
    IReadOnlyList<SourceTypeRevenueResponse> RevenueBySourceType,
    [property: Description("Last period's revenue / the clients billed in it; null without it.")]
    decimal? AverageRevenuePerClient,
    [property: Description("Clients with a final bucket last period (in currency).")] int ClientsBilledLastPeriod,
    [property: Description("The latest projection's calculation; null without projections.")]
    DateTimeOffset? LastProjectionAt);

public sealed record NewOverageResponse(
    Guid ClientId,
    string? ClientName,
    Guid BucketId,
    string BucketName,
    decimal CommitUnits,
    decimal ProjectedUsage,
    [property: Description("Projected usage / commit × 100 (up to 6 decimals, the UI rounds it); null for a zero commit.")] decimal? PercentOfCommit,
    [property: Description("Last period's final usage / commit × 100 (up to 6 decimals, the UI rounds it); null for a zero commit.")]
    decimal? LastPeriodPercentOfCommit,
    [property: Description("In the bucket's currency.")] decimal ProjectedCost);

public sealed record TopClientResponse(
    Guid ClientId,
    string? ClientName,
    [property: Description("Σ projected cost of the client's buckets in currency.")] decimal Projected,
    [property: Description("Projected / projected revenue × 100 (up to 6 decimals, the UI rounds it).")] decimal Share);

public sealed record ClientStatusCountsResponse(int OverCommit, int UnderCommit, int Mixed, int OnCommit);

public sealed record SourceTypeRevenueResponse(
    [property: Description("The buckets' source type; any-source for buckets that take every source.")] string SourceType,
    decimal Revenue,
    [property: Description("Revenue / last period's revenue × 100 (up to 6 decimals, the UI rounds it).")] decimal Share);
