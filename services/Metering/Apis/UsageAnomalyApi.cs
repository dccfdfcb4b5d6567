using System.Diagnostics.CodeAnalysis;
using BillingOne.BuildingBlocks.Csv;
using BillingOne.BuildingBlocks.Http;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.BuildingBlocks.Security;
using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.Metering.Data;
using BillingOne.Metering.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BillingOne.Metering.Apis;

/// <summary>
/// Usage anomalies: assets whose readings depart sharply from their own history (a spike, or a regular reporter gone
/// silent), with the bucket they feed and the estimated money at stake, so finance hears of it before the invoice
/// does. Computed on request from the raw readings (kept a few minutes); client-scoped callers see their client's
/// buckets.
/// </summary>
public static class UsageAnomalyApi
{
    public const string BasePath = "/api/metering/usage-anomalies";

    private const string RulesDescription = "Per asset bound to an enabled bucket (enabled, not disregarded assets), " +
        "its daily figure on each UTC day with readings of the bucket's unit type — sum: the day's total, count: 1, " +
        "max: the day's peak, last: the day's latest reading, avg: the day's mean — over the 28 days before the last " +
        "complete UTC day (the examined day). **spike**: the examined day's figure exceeds max(3 × m, m + 5 × MAD), " +
        "m being the median of the history days with readings (at least 7, m above 0) and MAD the median of their " +
        "absolute deviations from m; impact = extra units × overage price, where sum, max and last gain observed − m " +
        "and avg gains (observed − m) ÷ the days of the month (count cannot spike). **silent**: no readings on the " +
        "last 2 complete days after readings on at least 7 of the 14 days before them; the day is the first without " +
        "readings; impact (revenue at risk) = units missing × price per unit (base ÷ commit; the overage price for a " +
        "zero commit), where sum misses m per silent day and count, max, last and avg lose m once. Impacts are " +
        "rounded once to the currency's minor units. `kind` is `spike` or `silent` (absent: both); `clientId` keeps " +
        "one client's buckets. By estimated impact, largest first. An organization's anomalies are computed from the " +
        "readings at most once every 5 minutes.";

    public static IEndpointRouteBuilder MapUsageAnomalyApi(this IEndpointRouteBuilder app)
    {
        var anomalies = app.MapGroup(BasePath).WithTags("Usage anomalies");
        anomalies.MapList(List, "ListUsageAnomalies", "List usage anomalies", RulesDescription)
            .ProducesValidationProblem();
        anomalies.MapGet("/export", Export)
            .RequireAuthorization(Policies.Read)
            .WithName("ExportUsageAnomalies")
            .WithSummary("Export the usage anomalies as CSV")
            .WithDescription("Every anomaly the list's filters select (all pages), in its order, as text/csv with " +
                $"the columns {string.Join(", ", UsageAnomalyCsv.Header)}. {RulesDescription}")
            .Produces(StatusCodes.Status200OK, contentType: CsvFiles.ContentType)
            .ProducesValidationProblem();
        return app;
    }

    public static string KindName(UsageAnomalyKind kind) => kind == UsageAnomalyKind.Spike ? "spike" : "silent";

    public static async Task<Results<Ok<PagedResult<UsageAnomalyResponse>>, ValidationProblem>> List(
        [AsParameters] UsageAnomalyListParameters parameters, [AsParameters] PageParameters paging,
        UsageAnomalyStore store, IActorContext caller, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!TryParse(parameters, paging, out var query, out var invalid))
        {
            return invalid;
        }
        var anomalies = await FindAsync(store, caller, query, clock, cancellationToken);
        var items = anomalies.Skip((int)query.Page.Offset).Take(query.Page.PageSize)
            .Select(UsageAnomalyResponse.From).ToList();
        return TypedResults.Ok(new PagedResult<UsageAnomalyResponse>(items, query.Page.Page, query.Page.PageSize,
            anomalies.Count));
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem>> Export(
        [AsParameters] UsageAnomalyListParameters parameters, UsageAnomalyStore store, IActorContext caller,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!TryParse(parameters, null, out var query, out var invalid))
        {
            return invalid;
        }
        var anomalies = await FindAsync(store, caller, query, clock, cancellationToken);
        return TypedResults.File(UsageAnomalyCsv.Write(anomalies.Select(UsageAnomalyResponse.From)),
            CsvFiles.ContentType, $"usage-anomalies-{clock.GetUtcNow():yyyy-MM-dd}.csv");
    }

    /// <summary>The anomalies as of now, largest impact first (then kind, asset and bucket: stable pages).</summary>
    private static async Task<List<UsageAnomalyView>> FindAsync(UsageAnomalyStore store, IActorContext caller,
        UsageAnomalyQuery query, TimeProvider clock, CancellationToken cancellationToken)
    {
        var anomalies = await store.FindAsync(caller.OrgId, caller.ClientScope, query.ClientId, query.Kind,
            UsageAnomalyWindow.Before(clock.GetUtcNow()), cancellationToken);
        return anomalies
            .OrderByDescending(view => view.Anomaly.EstimatedImpact.Amount)
            .ThenBy(view => view.Anomaly.Kind)
            .ThenBy(view => view.Source, StringComparer.Ordinal)
            .ThenBy(view => view.ExternalId, StringComparer.Ordinal)
            .ThenBy(view => view.BucketId)
            .ToList();
    }

    private static bool TryParse(UsageAnomalyListParameters parameters, PageParameters? paging,
        [NotNullWhen(true)] out UsageAnomalyQuery? query, [NotNullWhen(false)] out ValidationProblem? invalid) =>
        EndpointConventions.TryParseListQuery(errors => UsageAnomalyQuery.Parse(parameters.Kind, parameters.ClientId,
            paging?.Page, paging?.PageSize, errors), out query, out invalid);
}
