using System.Diagnostics.CodeAnalysis;
using BillingOne.BuildingBlocks.Auditing;
using BillingOne.BuildingBlocks.Csv;
using BillingOne.BuildingBlocks.Data;
using BillingOne.BuildingBlocks.Http;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.BuildingBlocks.Security;
using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.Contracts.Money;
using BillingOne.Projection.Data;
using BillingOne.Projection.Domain;
using BillingOne.Projection.Projections;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace BillingOne.Projection.Apis;

/// <summary>
/// The Projections screen: each bucket's current period projected to its end (usage, cost, % of commit, status), the
/// cards, the CSV export, and the backtest the projection method is chosen by. Client-scoped callers see their client's.
/// </summary>
public static class UsageProjectionsApi
{
    public const string BasePath = "/api/projection/usage-projections";

    private const string RecalculateAction = "recalculate";
    private const string RecalculationAuditTable = "usage_projections";

    private const string FiltersDescription = "`search` matches any part of the client's or the bucket's name, " +
        "ignoring case; `clientId` keeps one client's buckets; `status` is `over-commit` or `on-track` (absent = all); " +
        "`sort` is `projected-cost` (default), `percent-of-commit`, `client` or `bucket`; `direction` defaults to " +
        "`desc` for figures and `asc` for names.";

    public static IEndpointRouteBuilder MapUsageProjectionsApi(this IEndpointRouteBuilder app)
    {
        var projections = app.MapGroup(BasePath).WithTags("Usage projections");
        projections.MapList(List, "ListUsageProjections", "List the buckets' usage projections",
            "Enabled buckets whose current period is not finalized, with the usage so far, the usage, cost and % of " +
            $"commit projected to the period's end, the status and the method. {FiltersDescription}");
        projections.MapGet("/summary", Summary)
            .RequireAuthorization(Policies.Read)
            .WithName("SummarizeUsageProjections")
            .WithSummary("Total the usage projections")
            .WithDescription("How many buckets the filters select, how many are projected over their commit, their " +
                "projected cost in the currency of most of them and the latest calculation. " + FiltersDescription)
            .ProducesValidationProblem();
        projections.MapGet("/export", Export)
            .RequireAuthorization(Policies.Read)
            .WithName("ExportUsageProjections")
            .WithSummary("Export the usage projections as CSV")
            .WithDescription($"Every row the list's filters select (all pages), in its order, as text/csv. {FiltersDescription}")
            .Produces(StatusCodes.Status200OK, contentType: CsvFiles.ContentType)
            .ProducesValidationProblem();
        projections.MapGet("/backtest", Backtest)
            .RequireAuthorization(Policies.Read)
            .WithName("BacktestUsageProjections")
            .WithSummary("Backtest the projection methods on finalized periods")
            .WithDescription("For each aggregation: its candidate methods (linear and day-of-week for `sum`; the " +
                "level seen so far for `count`, `max`, `avg` and `last`, which are never scaled by elapsed time) " +
                "projected from the first `days` days of every finalized period and compared with its billed usage " +
                "(mean absolute percentage error: the mean over the bucket periods of |projected − billed| / billed × " +
                "100, each period weighing the same; periods with a zero final usage are left out and counted), and the " +
                "method chosen with its error (the lower error; on a tie or without data linear for `sum`, level for " +
                "the others). A client-scoped caller's backtest covers its client's periods. Each period's errors are " +
                "stored when its final observation arrives, so this sums them.");
        projections.MapPost("/recalculate", Recalculate)
            .RequireAuthorization(Policies.Admin)
            .OrganizationWideOnly()
            .WithName("RecalculateUsageProjections")
            .WithSummary("Recalculate every usage projection now")
            .WithDescription("Does at once for the organization what the hourly pass does: computes the backtest errors " +
                "of finalized periods that have none (or were computed with other days), chooses each aggregation's " +
                "method again and projects every current period, in one transaction. Answers when done, with how many " +
                "periods were projected and how long it took. Audited.");
        return app;
    }

    public static async Task<Results<Ok<PagedResult<UsageProjectionResponse>>, ValidationProblem>> List(
        [AsParameters] UsageProjectionListParameters parameters, [AsParameters] PageParameters paging,
        UsageProjectionStore store, IActorContext caller, CancellationToken cancellationToken)
    {
        if (!TryParse(parameters, paging, out var query, out var invalid))
        {
            return invalid;
        }
        var page = await store.ListAsync(caller.OrgId, caller.ClientScope, query, cancellationToken);
        return TypedResults.Ok(page.Select(UsageProjectionResponse.From));
    }

    public static async Task<Results<Ok<UsageProjectionSummaryResponse>, ValidationProblem>> Summary(
        [AsParameters] UsageProjectionListParameters parameters, UsageProjectionStore store, IActorContext caller,
        CancellationToken cancellationToken)
    {
        if (!TryParse(parameters, null, out var query, out var invalid))
        {
            return invalid;
        }
        var totals = await store.TotalsAsync(caller.OrgId, caller.ClientScope, query, cancellationToken);
        var main = totals.OrderByDescending(total => total.Buckets).ThenBy(total => total.Currency, StringComparer.Ordinal)
            .FirstOrDefault();
        return TypedResults.Ok(new UsageProjectionSummaryResponse(totals.Sum(total => total.Buckets),
            totals.Sum(total => total.OverCommit), Decimals.Amount(main?.ProjectedCost ?? 0m, main?.Currency),
            main?.Currency, totals.Count == 0 ? null : totals.Max(total => UtcInstants.From(total.CalculatedAt))));
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem>> Export(
        [AsParameters] UsageProjectionListParameters parameters, UsageProjectionStore store, IActorContext caller,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!TryParse(parameters, null, out var query, out var invalid))
        {
            return invalid;
        }
        var all = await store.ListAsync(caller.OrgId, caller.ClientScope, query, cancellationToken);
        return TypedResults.File(UsageProjectionCsv.Write(all.Items.Select(UsageProjectionResponse.From)),
            CsvFiles.ContentType, $"usage-projections-{clock.GetUtcNow():yyyy-MM-dd}.csv");
    }

    public static async Task<Ok<UsageBacktestResponse>> Backtest(NpgsqlDataSource dataSource,
        UsageBacktestErrors backtestErrors, IActorContext caller, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var scores = await backtestErrors.ScoresAsync(connection, null, caller.OrgId, caller.ClientScope, null,
            cancellationToken);
        return TypedResults.Ok(new UsageBacktestResponse(backtestErrors.Days,
            [.. scores.Select(UsageBacktestItemResponse.From)]));
    }

    public static async Task<Ok<UsageProjectionRecalculationResponse>> Recalculate(NpgsqlDataSource dataSource,
        UsageProjectionCalculator usageProjections, IAuditTrail audit, IActorContext caller, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // The lock the consumers and the hourly pass share: a rebuild never sees the recalculation half done.
        await ProjectionEventLog.LockSharedAsync(transaction, caller.OrgId, cancellationToken);
        var done = await usageProjections.RecalculateAsync(transaction, caller.OrgId, cancellationToken);
        var response = new UsageProjectionRecalculationResponse(done.Projected, done.BacktestPeriodsComputed,
            (long)clock.GetElapsedTime(started).TotalMilliseconds);
        await audit.RecordAsync(transaction, RecalculateAction, RecalculationAuditTable, caller.OrgId.ToString(), null,
            response, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(response);
    }

    private static bool TryParse(UsageProjectionListParameters parameters, PageParameters? paging,
        [NotNullWhen(true)] out UsageProjectionQuery? query, [NotNullWhen(false)] out ValidationProblem? invalid) =>
        EndpointConventions.TryParseListQuery(errors => UsageProjectionQuery.Parse(parameters.Search, parameters.ClientId,
            parameters.Status, parameters.Sort, parameters.Direction, paging?.Page, paging?.PageSize,
            paged: paging is not null, errors), out query, out invalid);
}
