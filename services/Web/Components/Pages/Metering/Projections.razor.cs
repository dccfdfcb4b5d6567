using BillingOne.Web.Api;
using BillingOne.Web.Components.Shared;
using BillingOne.Web.Formatting;
using BillingOne.Web.ProjectionList;
using Microsoft.AspNetCore.Components;

namespace BillingOne.Web.Components.Pages.Metering;

/// <summary>
/// The Projections screen: each enabled bucket's current period projected to its end (usage, cost, % of commit,
/// status), searched, filtered by status, sorted and paged (all kept in the URL), with CSV export, the totals of what
/// the filters select, and the backtest that chose each aggregation's method, with the chosen methods' errors as a bar
/// chart.
/// </summary>
public sealed partial class Projections : AddressedListComponentBase<UsageProjection, UsageProjectionQuery>
{
    private const int Columns = 8;

    private UsageProjectionSummary? summary;
    private ApiProblem? summaryProblem;
    private UsageProjectionQuery? summarized;
    private UsageBacktest? backtest;
    private ApiProblem? backtestProblem;

    [SupplyParameterFromQuery(Name = ProjectionListUrl.StatusParameter)]
    public string? StatusFilter { get; set; }

    [SupplyParameterFromQuery(Name = ProjectionListUrl.SearchParameter)]
    public string? Search { get; set; }

    [SupplyParameterFromQuery(Name = ProjectionListUrl.SortParameter)]
    public string? Sort { get; set; }

    [SupplyParameterFromQuery(Name = ProjectionListUrl.DirectionParameter)]
    public string? Direction { get; set; }

    [SupplyParameterFromQuery(Name = ProjectionListUrl.PageParameter)]
    public int? Page { get; set; }

    /// <summary>The aggregations with scored periods: the ones the chart has errors for.</summary>
    private List<UsageBacktestItem> Scored => backtest?.Items.Where(item => item.PeriodsScored > 0).ToList() ?? [];

    /// <summary>
    /// One bar per scored aggregation: the error of the method it is projected with. A level has no time-scaling
    /// errors to compare, so the candidates' errors side by side are the table's.
    /// </summary>
    private IReadOnlyList<ChartSeries> BacktestSeries =>
    [
        new("Chosen method", "bar-chosen", Scored.Select(item => item.ChosenMape ?? 0m).ToList()),
    ];

    protected override async Task OnInitializedAsync()
    {
        var loadingBacktest = LoadBacktestAsync();
        await base.OnInitializedAsync();
        await loadingBacktest;
    }

    protected override UsageProjectionQuery QueryFromAddress() =>
        ProjectionListUrl.Parse(StatusFilter, Search, Sort, Direction, Page);

    protected override IReadOnlyDictionary<string, object?> AddressOf(UsageProjectionQuery query) =>
        ProjectionListUrl.PageParameters(query);

    protected override Task<PagedList<UsageProjection>> FetchPageAsync(CancellationToken cancellationToken) =>
        Gateway.GetUsageProjectionsAsync(Query, cancellationToken);

    // The totals cover what the filters select: they load alongside the page when those change.
    protected override async Task OnParametersSetAsync()
    {
        var totalled = SummaryQuery(QueryFromAddress());
        var loadingSummary = totalled.Equals(summarized) ? Task.CompletedTask : LoadSummaryAsync(totalled);
        await base.OnParametersSetAsync();
        await loadingSummary;
    }

    private static UsageProjectionQuery SummaryQuery(UsageProjectionQuery query) =>
        new(Status: query.Status, Search: query.Search);

    private async Task LoadSummaryAsync(UsageProjectionQuery totalled)
    {
        summarized = totalled;
        var loaded = await CallAsync(cancellationToken => Gateway.GetUsageProjectionSummaryAsync(totalled, cancellationToken));
        summary = loaded.Value ?? summary;
        summaryProblem = loaded.Problem;
    }

    private async Task LoadBacktestAsync()
    {
        var loaded = await CallAsync(Gateway.GetUsageBacktestAsync);
        backtest = loaded.Value ?? backtest;
        backtestProblem = loaded.Problem;
    }

    private async Task RefreshAsync()
    {
        var loadingSummary = LoadSummaryAsync(SummaryQuery(Query));
        var loadingBacktest = LoadBacktestAsync();
        await LoadAsync();
        await loadingSummary;
        await loadingBacktest;
    }

    private void OnSearchChanged(ChangeEventArgs change) =>
        Show(Query with { Search = FormText.OrNull(change.Value as string), Page = 1 });

    private void OnStatusChanged(ChangeEventArgs change)
    {
        var status = change.Value as string;
        Show(Query with { Status = UsageProjectionStatuses.All.Contains(status) ? status : null, Page = 1 });
    }

    private void SortBy(string column)
    {
        var direction = SortDirections.Next(column, Query.Sort, Query.Direction, UsageProjectionSortColumns.DefaultDirection(column));
        Show(Query with { Sort = column, Direction = direction, Page = 1 });
    }

    private void ClearFilters() => Show(Query with { Status = null, Search = null, Page = 1 });

    private static string Mape(decimal? mape) => mape is { } percent ? QuantityFormat.Percent(percent) : "—";
}
