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
/// does. Computed in the background (UsageAnomalyScanner) and stored: the lists read an organization's latest scan,
/// <c>/status</c> says which day it examined and when. Client-scoped callers see their client's buckets.
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
        "one client's buckets. By estimated impact, largest first. The anomalies are computed in the background and " +
        "stored: within minutes of a new examined day, and again every hour (late readings can change a completed " +
        "day); `GET /api/metering/usage-anomalies/status` names the examined day and when they were computed. Before " +
        "an organization's first scan the list is empty (status `scannedAt` null). Assets disregarded or disabled, " +
        "buckets switched off and bindings removed since the scan are left out.";

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
        anomalies.MapGet("/status", Status)
            .RequireAuthorization(Policies.Read)
            .WithName("GetUsageAnomalyStatus")
            .WithSummary("When the usage anomalies were computed")
            .WithDescription("The day the stored anomalies examine (the last complete UTC day when they were " +
                "computed) and when they were computed; both null before the organization's first scan.");
        return app;
    }

    public static async Task<Results<Ok<PagedResult<UsageAnomalyResponse>>, ValidationProblem>> List(
        [AsParameters] UsageAnomalyListParameters parameters, [AsParameters] PageParameters paging,
        UsageAnomalyStore store, IActorContext caller, CancellationToken cancellationToken)
    {
        if (!TryParse(parameters, paging, out var query, out var invalid))
        {
            return invalid;
        }
        var anomalies = await store.ListAsync(caller.OrgId, caller.ClientScope, query, cancellationToken);
        return TypedResults.Ok(anomalies.Select(UsageAnomalyResponse.From));
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem>> Export(
        [AsParameters] UsageAnomalyListParameters parameters, UsageAnomalyStore store, IActorContext caller,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!TryParse(parameters, null, out var query, out var invalid))
        {
            return invalid;
        }
        var anomalies = await store.AllAsync(caller.OrgId, caller.ClientScope, query, cancellationToken);
        return TypedResults.File(UsageAnomalyCsv.Write(anomalies.Select(UsageAnomalyResponse.From)),
            CsvFiles.ContentType, $"usage-anomalies-{clock.GetUtcNow():yyyy-MM-dd}.csv");
    }

    public static async Task<Ok<UsageAnomalyStatusResponse>> Status(UsageAnomalyStore store, IActorContext caller,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(UsageAnomalyStatusResponse.From(await store.LastScanAsync(caller.OrgId, cancellationToken)));

    private static bool TryParse(UsageAnomalyListParameters parameters, PageParameters? paging,
        [NotNullWhen(true)] out UsageAnomalyQuery? query, [NotNullWhen(false)] out ValidationProblem? invalid) =>
        EndpointConventions.TryParseListQuery(errors => UsageAnomalyQuery.Parse(parameters.Kind, parameters.ClientId,
            paging?.Page, paging?.PageSize, errors), out query, out invalid);
}
