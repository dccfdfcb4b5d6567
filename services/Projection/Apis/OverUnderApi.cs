using System.Diagnostics.CodeAnalysis;
using BillingOne.BuildingBlocks.Csv;
using BillingOne.BuildingBlocks.Http;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.BuildingBlocks.Security;
using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.Contracts.Money;
using BillingOne.Projection.Data;
using BillingOne.Projection.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BillingOne.Projection.Apis;

/// <summary>
/// The Over/Under screen: each finalized period's buckets against their commits, per client, per unit type, the
/// clients to right-size and the trend, from the final observations of enabled buckets and the adjustments booked on
/// their periods. Client-scoped callers see their client's.
/// </summary>
public static class OverUnderApi
{
    public const string BasePath = "/api/projection/over-under";

    private const string Rules = "Each bucket's lines as metering bills them, rounded once: base line, " +
        "overage $ = max(0, usage − commit) × overage price, buffer $ = max(0, commit − usage) × base / commit (0 for a " +
        "zero commit); final cost = base line + overage $; totals are sums of the rounded lines. The adjustments late " +
        "readings made to an earlier finalized month count in the period they were booked and invoiced on, added to " +
        "their bucket's line there (each figure the difference the adjustment made), so a period's final cost is what " +
        "metering billed for it; the corrected month keeps its original bill. A client is `over-commit` with a bucket " +
        "over and none under, `under-commit` with one under and none over, `mixed` with both, `on-commit` otherwise, " +
        "from each bucket's own usage of the period. Disabled buckets are left out.";

    private const string PeriodDescription = "`period` is a finalized month, YYYY-MM (absent = the latest).";

    private const string MainCurrencyDescription = "Money is in the period's main currency (that of most of its " +
        "buckets, alphabetical on a tie), named in `currency`; buckets in other currencies are left out of it.";

    private const string ClientFilters = "`status` is `over-commit`, `under-commit` or `mixed` (absent = all); `search` " +
        "matches any part of the client's name, ignoring case; `sort` is `client` (default), `final-cost`, `vs-commit`, " +
        "`overage` or `buffer`; `direction` defaults to `asc` for the name and `desc` for figures.";

    public static IEndpointRouteBuilder MapOverUnderApi(this IEndpointRouteBuilder app)
    {
        var overUnder = app.MapGroup(BasePath).WithTags("Over/Under");
        overUnder.MapGet("/summary", Summary)
            .RequireAuthorization(Policies.Read)
            .WithName("SummarizeOverUnder")
            .WithSummary("Total a finalized period's buckets against their commits")
            .WithDescription("The finalized periods (newest first), the period's clients by status and its final cost, " +
                $"committed, overage and buffer. An organization without finalized periods answers no period and zeros. " +
                $"{PeriodDescription} {MainCurrencyDescription} {Rules}")
            .ProducesValidationProblem();
        overUnder.MapGet("/clients", Clients)
            .RequireAuthorization(Policies.Read)
            .WithName("ListOverUnderClients")
            .WithSummary("List the clients of a finalized period against their commits")
            .WithDescription("One row per client and currency: its unit types, its status (from all its buckets), final " +
                $"cost, committed, vs commit (overage − buffer), overage and buffer. {ClientFilters} {PeriodDescription} " +
                $"{Rules} {EndpointConventions.PagingDescription}")
            .ProducesValidationProblem();
        overUnder.MapGet("/clients/export", ExportClients)
            .RequireAuthorization(Policies.Read)
            .WithName("ExportOverUnderClients")
            .WithSummary("Export the clients of a finalized period as CSV")
            .WithDescription($"Every row the table's filters select (all pages), in its order, as text/csv. {ClientFilters}")
            .Produces(StatusCodes.Status200OK, contentType: CsvFiles.ContentType)
            .ProducesValidationProblem();
        overUnder.MapGet("/trend", Trend)
            .RequireAuthorization(Policies.Read)
            .WithName("GetOverUnderTrend")
            .WithSummary("Overage against buffer over the last finalized periods")
            .WithDescription("Σ overage $ and Σ buffer $ of each of the last `periods` finalized periods (1–36, default " +
                $"12), oldest first, in the main currency of their buckets (alphabetical on a tie). {Rules}")
            .ProducesValidationProblem();
        overUnder.MapGet("/right-size", RightSize)
            .RequireAuthorization(Policies.Read)
            .WithName("ListRightSizeCandidates")
            .WithSummary("List the clients paying most for capacity they do not use")
            .WithDescription("Clients whose buckets of the period left buffer, most buffer first: committed, buffer $, " +
                "buffer units and % unused (buffer / committed × 100). `unitType` keeps one unit type's buckets; `limit` " +
                $"is 1–100 (default 10); `totalBuffer` is the period's buffer (the filter applied). {PeriodDescription} " +
                $"{MainCurrencyDescription} {Rules}")
            .ProducesValidationProblem();
        overUnder.MapGet("/right-size/export", ExportRightSize)
            .RequireAuthorization(Policies.Read)
            .WithName("ExportRightSizeCandidates")
            .WithSummary("Export the right-size candidates as CSV")
            .WithDescription($"Every candidate (no limit) as text/csv. {PeriodDescription} `unitType` as the list.")
            .Produces(StatusCodes.Status200OK, contentType: CsvFiles.ContentType)
            .ProducesValidationProblem();
        overUnder.MapGet("/unit-types", UnitTypes)
            .RequireAuthorization(Policies.Read)
            .WithName("ListOverUnderUnitTypes")
            .WithSummary("A finalized period's buckets per unit type")
            .WithDescription("Per unit type, by key: buckets, Δ units = Σ (usage − commit + adjustments' usage) (what " +
                $"is delivered), overage $ (upsell wins) and buffer $ (retention risk). {PeriodDescription} " +
                $"{MainCurrencyDescription} {Rules}")
            .ProducesValidationProblem();
        overUnder.MapGet("/unit-types/export", ExportUnitTypes)
            .RequireAuthorization(Policies.Read)
            .WithName("ExportOverUnderUnitTypes")
            .WithSummary("Export a finalized period's unit types as CSV")
            .WithDescription($"The unit type table as text/csv. {PeriodDescription}")
            .Produces(StatusCodes.Status200OK, contentType: CsvFiles.ContentType)
            .ProducesValidationProblem();
        return app;
    }

    public static async Task<Results<Ok<OverUnderSummaryResponse>, ValidationProblem>> Summary(
        [AsParameters] OverUnderPeriodParameters parameters, OverUnderStore store, IActorContext caller,
        CancellationToken cancellationToken)
    {
        if (!TryParsePeriod(parameters.Period, out var requested, out var invalid))
        {
            return invalid;
        }
        var periods = await store.PeriodsAsync(caller.OrgId, caller.ClientScope, int.MaxValue, cancellationToken);
        var listed = periods.Select(month => month.ToString()).ToList();
        if ((requested ?? Latest(periods)) is not { } period)
        {
            return TypedResults.Ok(new OverUnderSummaryResponse(null, listed, null, 0, 0, 0, 0, 0, 0m, 0m, 0m, 0m));
        }
        var totals = await store.TotalsAsync(caller.OrgId, caller.ClientScope, period, cancellationToken);
        var currency = MainCurrency.Of(totals.Currencies.Select(total => (total.Currency, total.Buckets)));
        var main = totals.Currencies.FirstOrDefault(total => total.Currency == currency);
        var clients = totals.Clients;
        return TypedResults.Ok(new OverUnderSummaryResponse(period.ToString(), listed, currency, clients.Clients,
            clients.OverCommit, clients.UnderCommit, clients.Mixed, clients.OnCommit,
            Decimals.Amount(main?.FinalCost ?? 0m, currency), Decimals.Amount(main?.Committed ?? 0m, currency),
            Decimals.Amount(main?.Overage ?? 0m, currency), Decimals.Amount(main?.Buffer ?? 0m, currency)));
    }

    public static async Task<Results<Ok<PagedResult<OverUnderClientResponse>>, ValidationProblem>> Clients(
        [AsParameters] OverUnderClientParameters parameters, [AsParameters] PageParameters paging, OverUnderStore store,
        IActorContext caller, CancellationToken cancellationToken)
    {
        if (!TryParse(parameters, paging, out var query, out var invalid))
        {
            return invalid;
        }
        if (await PeriodOfAsync(query.Period, store, caller, cancellationToken) is not { } period)
        {
            return TypedResults.Ok(new PagedResult<OverUnderClientResponse>([], query.Page!.Page, query.Page.PageSize, 0));
        }
        var page = await store.ClientsAsync(caller.OrgId, caller.ClientScope, period, query, cancellationToken);
        return TypedResults.Ok(page.Select(OverUnderClientResponse.From));
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem>> ExportClients(
        [AsParameters] OverUnderClientParameters parameters, OverUnderStore store, IActorContext caller,
        CancellationToken cancellationToken)
    {
        if (!TryParse(parameters, null, out var query, out var invalid))
        {
            return invalid;
        }
        var period = await PeriodOfAsync(query.Period, store, caller, cancellationToken);
        var rows = period is { } month
            ? (await store.ClientsAsync(caller.OrgId, caller.ClientScope, month, query, cancellationToken)).Items
                .Select(OverUnderClientResponse.From)
            : [];
        return TypedResults.File(OverUnderCsv.Clients(period?.ToString(), rows), CsvFiles.ContentType,
            FileName("over-under-clients", period?.ToString()));
    }

    public static async Task<Results<Ok<OverUnderTrendResponse>, ValidationProblem>> Trend(
        [AsParameters] OverUnderTrendParameters parameters, OverUnderStore store, IActorContext caller,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var count = OverUnderTrendPeriods.Parse(parameters.Periods, errors);
        if (errors.Count > 0)
        {
            return EndpointConventions.InvalidListQuery(errors);
        }
        var months = await store.PeriodsAsync(caller.OrgId, caller.ClientScope, count, cancellationToken);
        var (currency, points) = await store.TrendAsync(caller.OrgId, caller.ClientScope, months, cancellationToken);
        return TypedResults.Ok(new OverUnderTrendResponse(currency, [.. points.Select(point => new OverUnderTrendPoint(
            new BillingMonth(point.Year, point.Month).ToString(), Decimals.Amount(point.Overage, currency),
            Decimals.Amount(point.Buffer, currency)))]));
    }

    public static async Task<Results<Ok<RightSizeResponse>, ValidationProblem>> RightSize(
        [AsParameters] RightSizeParameters parameters, OverUnderStore store, IActorContext caller,
        CancellationToken cancellationToken)
    {
        if (!TryParse(parameters, limited: true, out var query, out var invalid))
        {
            return invalid;
        }
        return TypedResults.Ok(await RightSizeAsync(query, store, caller, cancellationToken));
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem>> ExportRightSize(
        [AsParameters] RightSizeParameters parameters, OverUnderStore store, IActorContext caller,
        CancellationToken cancellationToken)
    {
        if (!TryParse(parameters, limited: false, out var query, out var invalid))
        {
            return invalid;
        }
        var response = await RightSizeAsync(query, store, caller, cancellationToken);
        return TypedResults.File(OverUnderCsv.RightSize(response), CsvFiles.ContentType,
            FileName("right-size-candidates", response.Period));
    }

    public static async Task<Results<Ok<UnitTypeOverUnderResponse>, ValidationProblem>> UnitTypes(
        [AsParameters] OverUnderPeriodParameters parameters, OverUnderStore store, IActorContext caller,
        CancellationToken cancellationToken)
    {
        if (!TryParsePeriod(parameters.Period, out var requested, out var invalid))
        {
            return invalid;
        }
        return TypedResults.Ok(await UnitTypesAsync(requested, store, caller, cancellationToken));
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem>> ExportUnitTypes(
        [AsParameters] OverUnderPeriodParameters parameters, OverUnderStore store, IActorContext caller,
        CancellationToken cancellationToken)
    {
        if (!TryParsePeriod(parameters.Period, out var requested, out var invalid))
        {
            return invalid;
        }
        var response = await UnitTypesAsync(requested, store, caller, cancellationToken);
        return TypedResults.File(OverUnderCsv.UnitTypes(response), CsvFiles.ContentType,
            FileName("over-under-unit-types", response.Period));
    }

    private static async Task<RightSizeResponse> RightSizeAsync(RightSizeQuery query, OverUnderStore store,
        IActorContext caller, CancellationToken cancellationToken)
    {
        if (await PeriodOfAsync(query.Period, store, caller, cancellationToken) is not { } period)
        {
            return new RightSizeResponse(null, null, Decimals.Amount(0m, null), []);
        }
        var rightSize = await store.RightSizeAsync(caller.OrgId, caller.ClientScope, period, query.UnitType, query.Limit,
            cancellationToken);
        var currency = rightSize.Currency;
        return new RightSizeResponse(period.ToString(), currency, Decimals.Amount(rightSize.TotalBuffer, currency),
            [.. rightSize.Candidates.Select(candidate => RightSizeCandidateResponse.From(candidate, currency!))]);
    }

    private static async Task<UnitTypeOverUnderResponse> UnitTypesAsync(BillingMonth? requested, OverUnderStore store,
        IActorContext caller, CancellationToken cancellationToken)
    {
        if (await PeriodOfAsync(requested, store, caller, cancellationToken) is not { } period)
        {
            return new UnitTypeOverUnderResponse(null, null, []);
        }
        var (currency, items) = await store.UnitTypesAsync(caller.OrgId, caller.ClientScope, period, cancellationToken);
        return new UnitTypeOverUnderResponse(period.ToString(), currency,
            [.. items.Select(item => UnitTypeOverUnderItem.From(item, currency!))]);
    }

    /// <summary>The requested period, else the latest finalized one; null when there is none.</summary>
    private static async Task<BillingMonth?> PeriodOfAsync(BillingMonth? requested, OverUnderStore store,
        IActorContext caller, CancellationToken cancellationToken) =>
        requested ?? Latest(await store.PeriodsAsync(caller.OrgId, caller.ClientScope, 1, cancellationToken));

    private static BillingMonth? Latest(IReadOnlyList<BillingMonth> periods) => periods.Count == 0 ? null : periods[0];

    private static string FileName(string table, string? period) => period is null ? $"{table}.csv" : $"{table}-{period}.csv";

    private static bool TryParsePeriod(string? period, out BillingMonth? month,
        [NotNullWhen(false)] out ValidationProblem? invalid)
    {
        var errors = new Dictionary<string, string[]>();
        month = BillingMonth.Parse(period, "period", errors);
        invalid = errors.Count > 0 ? EndpointConventions.InvalidListQuery(errors) : null;
        return invalid is null;
    }

    private static bool TryParse(OverUnderClientParameters parameters, PageParameters? paging,
        [NotNullWhen(true)] out OverUnderClientQuery? query, [NotNullWhen(false)] out ValidationProblem? invalid) =>
        EndpointConventions.TryParseListQuery(errors => OverUnderClientQuery.Parse(parameters.Period, parameters.Status,
            parameters.Search, parameters.Sort, parameters.Direction, paging?.Page, paging?.PageSize,
            paged: paging is not null, errors), out query, out invalid);

    private static bool TryParse(RightSizeParameters parameters, bool limited,
        [NotNullWhen(true)] out RightSizeQuery? query, [NotNullWhen(false)] out ValidationProblem? invalid) =>
        EndpointConventions.TryParseListQuery(errors => RightSizeQuery.Parse(parameters.Period, parameters.UnitType,
            parameters.Limit, limited, errors), out query, out invalid);
}
