using BillingOne.Web.Api;
using BillingOne.Web.Components.Shared;
using BillingOne.Web.OverUnderList;
using Microsoft.AspNetCore.Components;

namespace BillingOne.Web.Components.Pages.Metering;

/// <summary>
/// The Over/Under screen: a finalized period's clients by how their billed usage compared with their commits —
/// filtered by status, searched, sorted and paged (all kept in the URL) — with the overage/buffer trend, the
/// right-size candidates (of one unit type if chosen), the view by unit type and a CSV export of each table.
/// </summary>
public sealed partial class OverUnder : AddressedListComponentBase<OverUnderClient, OverUnderQuery>
{
    private const int Columns = 7;
    private const string AllFilter = "all";

    private OverUnderSummary? summary;
    private ApiProblem? summaryProblem;
    private UnitTypeOverUnder? unitTypes;
    private ApiProblem? unitTypesProblem;
    /// <summary>The period the summary and the unit types were loaded for.</summary>
    private OverUnderQuery? periodLoaded;
    private RightSizeCandidates? rightSize;
    private ApiProblem? rightSizeProblem;
    /// <summary>The period and unit type the candidates were loaded for.</summary>
    private OverUnderQuery? rightSized;
    private OverUnderTrend? trend;
    private ApiProblem? trendProblem;

    [SupplyParameterFromQuery(Name = OverUnderListUrl.PeriodParameter)]
    public string? Period { get; set; }

    [SupplyParameterFromQuery(Name = OverUnderListUrl.StatusParameter)]
    public string? StatusFilter { get; set; }

    [SupplyParameterFromQuery(Name = OverUnderListUrl.SearchParameter)]
    public string? Search { get; set; }

    [SupplyParameterFromQuery(Name = OverUnderListUrl.SortParameter)]
    public string? Sort { get; set; }

    [SupplyParameterFromQuery(Name = OverUnderListUrl.DirectionParameter)]
    public string? Direction { get; set; }

    [SupplyParameterFromQuery(Name = OverUnderListUrl.PageParameter)]
    public int? Page { get; set; }

    [SupplyParameterFromQuery(Name = OverUnderListUrl.UnitTypeParameter)]
    public string? UnitType { get; set; }

    /// <summary>The finalized periods, newest first, and the one asked for should the summary not list it.</summary>
    private IEnumerable<string> PeriodChoices
    {
        get
        {
            var periods = summary?.Periods ?? [];
            return Query.Period is { } asked && !periods.Contains(asked) ? periods.Prepend(asked) : periods;
        }
    }

    private IReadOnlyList<string> UnitTypeKeys => unitTypes?.Items.Select(item => item.UnitTypeKey).ToList() ?? [];

    /// <summary>The seed's filters: each with the clients it shows in the summary's period.</summary>
    private static IEnumerable<(string? Status, string Title, string? Meaning, int Count)> Filters(OverUnderSummary totals) =>
    [
        (null, "All Clients", null, totals.Clients),
        (OverUnderStatuses.OverCommit, "Over Commit", null, totals.OverCommit),
        (OverUnderStatuses.UnderCommit, "Under Commit", null, totals.UnderCommit),
        (OverUnderStatuses.Mixed, "Mixed", "Both over and under buckets", totals.Mixed),
    ];

    protected override async Task OnInitializedAsync()
    {
        var loadingTrend = LoadTrendAsync();
        await base.OnInitializedAsync();
        await loadingTrend;
    }

    protected override OverUnderQuery QueryFromAddress() =>
        OverUnderListUrl.Parse(Period, StatusFilter, Search, Sort, Direction, Page, UnitType);

    protected override IReadOnlyDictionary<string, object?> AddressOf(OverUnderQuery query) =>
        OverUnderListUrl.PageParameters(query);

    protected override Task<PagedList<OverUnderClient>> FetchPageAsync(CancellationToken cancellationToken) =>
        Gateway.GetOverUnderClientsAsync(Query, cancellationToken);

    // The period's totals and unit types load when the period changes, the candidates when it or the unit type does.
    protected override async Task OnParametersSetAsync()
    {
        var query = QueryFromAddress();
        var period = new OverUnderQuery(Period: query.Period);
        var candidates = new OverUnderQuery(Period: query.Period, UnitType: query.UnitType);
        var loadingPeriod = period.Equals(periodLoaded) ? Task.CompletedTask : LoadPeriodAsync(period);
        var loadingCandidates = candidates.Equals(rightSized) ? Task.CompletedTask : LoadRightSizeAsync(candidates);
        await base.OnParametersSetAsync();
        await loadingPeriod;
        await loadingCandidates;
    }

    private async Task LoadPeriodAsync(OverUnderQuery period)
    {
        periodLoaded = period;
        var loadingUnitTypes = CallAsync(cancellationToken => Gateway.GetUnitTypeOverUnderAsync(period, cancellationToken));
        var loaded = await CallAsync(cancellationToken => Gateway.GetOverUnderSummaryAsync(period, cancellationToken));
        summary = loaded.Value ?? summary;
        summaryProblem = loaded.Problem;
        var loadedUnitTypes = await loadingUnitTypes;
        unitTypes = loadedUnitTypes.Value ?? unitTypes;
        unitTypesProblem = loadedUnitTypes.Problem;
    }

    private async Task LoadRightSizeAsync(OverUnderQuery candidates)
    {
        rightSized = candidates;
        var loaded = await CallAsync(cancellationToken => Gateway.GetRightSizeCandidatesAsync(candidates, cancellationToken));
        rightSize = loaded.Value ?? rightSize;
        rightSizeProblem = loaded.Problem;
    }

    private async Task LoadTrendAsync()
    {
        var loaded = await CallAsync(Gateway.GetOverUnderTrendAsync);
        trend = loaded.Value;
        trendProblem = loaded.Problem;
    }

    private void OnPeriodChanged(ChangeEventArgs change) =>
        Show(Query with { Period = FormText.OrNull(change.Value as string), Page = 1 });

    private void ShowStatus(string? status) => Show(Query with { Status = status, Page = 1 });

    private void ShowUnitType(string? unitType) => Show(Query with { UnitType = unitType });

    private void OnSearchChanged(ChangeEventArgs change) =>
        Show(Query with { Search = FormText.OrNull(change.Value as string), Page = 1 });

    private void SortBy(string column)
    {
        var direction = SortDirections.Next(column, Query.Sort, Query.Direction, OverUnderSortColumns.DefaultDirection(column));
        Show(Query with { Sort = column, Direction = direction, Page = 1 });
    }
}
