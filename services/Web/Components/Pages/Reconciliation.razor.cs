using BillingOne.Web.Api;
using BillingOne.Web.Components.Integrations;
using BillingOne.Web.Components.Shared;
using BillingOne.Web.ReconciliationList;
using Microsoft.AspNetCore.Components;

namespace BillingOne.Web.Components.Pages;

/// <summary>
/// The Reconciliation screen (seed 001): devices from the latest RMM snapshot against device licences per client,
/// with summary cards that filter the list by status, search, sort and paging (all kept in the URL), CSV export of
/// the filtered list, Snapshot Now (the RMM sync, followed until it ends, then the list and counts reloaded) and a
/// link to the Sync tools.
/// </summary>
public sealed partial class Reconciliation : AddressedListComponentBase<ReconciledClient, ReconciliationQuery>
{
    private const int Columns = 6;

    /// <summary>The seed's cards in its order, with what each status means.</summary>
    private static readonly IReadOnlyList<(string Status, string Title, string Meaning)> Cards =
    [
        (ClientStatuses.UnderLicensed, "Under-licensed", "More devices than licenses: potential lost revenue"),
        (ClientStatuses.OverLicensed, "Over-licensed", "More licenses than devices: the client may be overpaying"),
        (ClientStatuses.Matched, "Properly licensed", "Counts align"),
        (ClientStatuses.NoData, "No data", "No snapshot covers the client yet"),
    ];

    private ReconciliationSummary? summary;
    private ApiProblem? summaryProblem;
    private string? summarizedSearch;
    private bool summaryLoaded;
    // Set once rendered; the empty list's call to action starts the same runner as the toolbar's button.
    private SyncRunner? snapshotRunner;

    [SupplyParameterFromQuery(Name = ReconciliationListUrl.SearchParameter)]
    public string? Search { get; set; }

    [SupplyParameterFromQuery(Name = ReconciliationListUrl.StatusParameter)]
    public string? StatusFilter { get; set; }

    [SupplyParameterFromQuery(Name = ReconciliationListUrl.SortParameter)]
    public string? Sort { get; set; }

    [SupplyParameterFromQuery(Name = ReconciliationListUrl.DirectionParameter)]
    public string? Direction { get; set; }

    [SupplyParameterFromQuery(Name = ReconciliationListUrl.PageParameter)]
    public int? Page { get; set; }

    protected override ReconciliationQuery QueryFromAddress() =>
        ReconciliationListUrl.Parse(Search, StatusFilter, Sort, Direction, Page);

    protected override IReadOnlyDictionary<string, object?> AddressOf(ReconciliationQuery query) =>
        ReconciliationListUrl.PageParameters(query);

    protected override Task<PagedList<ReconciledClient>> FetchPageAsync(CancellationToken cancellationToken) =>
        Gateway.GetReconciledClientsAsync(Query, cancellationToken);

    // The counts follow the search, not the status the cards choose: they load alongside the page when it changes.
    protected override async Task OnParametersSetAsync()
    {
        var search = QueryFromAddress().Search;
        var loadingSummary = summaryLoaded && search == summarizedSearch ? Task.CompletedTask : LoadSummaryAsync(search);
        await base.OnParametersSetAsync();
        await loadingSummary;
    }

    private async Task LoadSummaryAsync(string? search)
    {
        summaryLoaded = true;
        summarizedSearch = search;
        var loaded = await CallAsync(cancellationToken =>
            Gateway.GetReconciliationSummaryAsync(new ReconciliationQuery(Search: search), cancellationToken));
        summary = loaded.Value ?? summary;
        summaryProblem = loaded.Problem;
    }

    /// <summary>After a snapshot (or on Refresh): the counts and the page as they are now.</summary>
    private async Task RefreshAsync()
    {
        var loadingSummary = LoadSummaryAsync(Query.Search);
        await LoadAsync();
        await loadingSummary;
    }

    private async Task SnapshotNowAsync()
    {
        if (snapshotRunner is not null)
        {
            await snapshotRunner.RunAsync(SyncTriggers.Manual);
        }
    }

    private void ToggleStatus(string status) =>
        Show(Query with { Status = Query.Status == status ? null : status, Page = 1 });

    private void OnSearchChanged(ChangeEventArgs change) =>
        Show(Query with { Search = FormText.OrNull(change.Value as string), Page = 1 });

    private void OnStatusChanged(ChangeEventArgs change)
    {
        var status = change.Value as string;
        Show(Query with { Status = ClientStatuses.IsKnown(status) ? status : null, Page = 1 });
    }

    private void SortBy(string column)
    {
        var direction = SortDirections.Next(column, Query.Sort, Query.Direction, ReconciliationSortColumns.DefaultDirection(column));
        Show(Query with { Sort = column, Direction = direction, Page = 1 });
    }

    private void ClearFilters() => Show(Query with { Search = null, Status = null, Page = 1 });
}
