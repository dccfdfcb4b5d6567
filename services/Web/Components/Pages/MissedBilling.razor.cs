using BillingOne.Web.Api;
using BillingOne.Web.Components.Shared;
using BillingOne.Web.Formatting;
using BillingOne.Web.MissedBillingList;
using Microsoft.AspNetCore.Components;

namespace BillingOne.Web.Components.Pages;

/// <summary>
/// The Missed billing screen: reconciliation's opportunities (under-licensed clients, unlicensed devices, uninvoiced
/// overage) with their evidence and monthly estimate, totals by state and by kind, filtered by kind, state and client,
/// searched, sorted and paged (all kept in the URL), with CSV export. Owners, admins and finance dismiss one (with a
/// reason), mark it billed or reopen it.
/// </summary>
public sealed partial class MissedBilling : AddressedListComponentBase<MissedBillingOpportunity, MissedBillingQuery>
{
    private const int Columns = 7;

    private readonly FormErrors dismissErrors = new();
    private MissedBillingSummary? summary;
    private ApiProblem? summaryProblem;
    private MissedBillingQuery? summarized;
    private Guid? dismissing;
    private string dismissReason = string.Empty;

    [SupplyParameterFromQuery(Name = MissedBillingListUrl.KindParameter)]
    public string? Kind { get; set; }

    [SupplyParameterFromQuery(Name = MissedBillingListUrl.StateParameter)]
    public string? StateFilter { get; set; }

    [SupplyParameterFromQuery(Name = MissedBillingListUrl.ClientParameter)]
    public Guid? ClientId { get; set; }

    [SupplyParameterFromQuery(Name = MissedBillingListUrl.SearchParameter)]
    public string? Search { get; set; }

    [SupplyParameterFromQuery(Name = MissedBillingListUrl.FromParameter)]
    public string? From { get; set; }

    [SupplyParameterFromQuery(Name = MissedBillingListUrl.ToParameter)]
    public string? To { get; set; }

    [SupplyParameterFromQuery(Name = MissedBillingListUrl.SortParameter)]
    public string? Sort { get; set; }

    [SupplyParameterFromQuery(Name = MissedBillingListUrl.DirectionParameter)]
    public string? Direction { get; set; }

    [SupplyParameterFromQuery(Name = MissedBillingListUrl.PageParameter)]
    public int? Page { get; set; }

    protected override MissedBillingQuery QueryFromAddress() =>
        MissedBillingListUrl.Parse(Kind, StateFilter, ClientId, Search, From, To, Sort, Direction, Page);

    protected override IReadOnlyDictionary<string, object?> AddressOf(MissedBillingQuery query) =>
        MissedBillingListUrl.PageParameters(query);

    protected override Task<PagedList<MissedBillingOpportunity>> FetchPageAsync(CancellationToken cancellationToken) =>
        Gateway.GetMissedBillingAsync(Query, cancellationToken);

    protected override void OnQueryChanged() => StopDismissing();

    // The totals cover every state of what the other filters match: they load alongside the page when those change.
    protected override async Task OnParametersSetAsync()
    {
        var totalled = SummaryQuery(QueryFromAddress());
        var loadingSummary = totalled.Equals(summarized) ? Task.CompletedTask : LoadSummaryAsync(totalled);
        await base.OnParametersSetAsync();
        await loadingSummary;
    }

    private static MissedBillingQuery SummaryQuery(MissedBillingQuery query) =>
        new(Kind: query.Kind, ClientId: query.ClientId, Search: query.Search, FoundFrom: query.FoundFrom, FoundTo: query.FoundTo);

    private async Task LoadSummaryAsync(MissedBillingQuery totalled)
    {
        summarized = totalled;
        var loaded = await CallAsync(cancellationToken => Gateway.GetMissedBillingSummaryAsync(totalled, cancellationToken));
        summary = loaded.Value ?? summary;
        summaryProblem = loaded.Problem;
    }

    private async Task RefreshAsync()
    {
        var loadingSummary = LoadSummaryAsync(SummaryQuery(Query));
        await LoadAsync();
        await loadingSummary;
    }

    /// <summary>The filters set beside the search, as the folded filter bar counts them.</summary>
    private int ActiveFilters => new object?[] { Query.Kind, Query.State, Query.ClientId, Query.FoundFrom, Query.FoundTo }
        .Count(filter => filter is not null);

    private void OnSearchChanged(ChangeEventArgs change) =>
        Show(Query with { Search = FormText.OrNull(change.Value as string), Page = 1 });

    private void OnKindChanged(ChangeEventArgs change)
    {
        var kind = change.Value as string;
        Show(Query with { Kind = MissedBillingKinds.All.Contains(kind) ? kind : null, Page = 1 });
    }

    private void OnStateChanged(ChangeEventArgs change)
    {
        var state = change.Value as string;
        Show(Query with { State = MissedBillingStates.All.Contains(state) ? state : null, Page = 1 });
    }

    private void OnClientChanged(Guid? clientId) => Show(Query with { ClientId = clientId, Page = 1 });

    private void OnFromChanged(DateOnly? from) => Show(Query with { FoundFrom = from, Page = 1 });

    private void OnToChanged(DateOnly? to) => Show(Query with { FoundTo = to, Page = 1 });

    private void SortBy(string column)
    {
        var direction = SortDirections.Next(column, Query.Sort, Query.Direction, MissedBillingSortColumns.DefaultDirection(column));
        Show(Query with { Sort = column, Direction = direction, Page = 1 });
    }

    private void ClearFilters() =>
        Show(Query with { Kind = null, State = null, ClientId = null, Search = null, FoundFrom = null, FoundTo = null, Page = 1 });

    private void StartDismissing(MissedBillingOpportunity opportunity)
    {
        dismissing = opportunity.Id;
        dismissReason = string.Empty;
        dismissErrors.Reset();
    }

    private void StopDismissing()
    {
        dismissing = null;
        dismissReason = string.Empty;
        dismissErrors.Reset();
    }

    /// <summary>A dismissal says why (the service requires it too), so the reason is asked for before anything is sent.</summary>
    private async Task DismissAsync(MissedBillingOpportunity opportunity)
    {
        dismissErrors.Reset();
        if (FormText.OrNull(dismissReason) is not { } reason)
        {
            dismissErrors.Refuse(DismissMissedBillingRequest.ReasonField, "Give a reason for dismissing this opportunity.");
            return;
        }

        var dismissed = await ChangeAsync(
            AnsweringTrue(cancellationToken => Gateway.DismissMissedBillingAsync(opportunity.Id, reason, cancellationToken)),
            _ => $"Dismissed {Describe(opportunity)}.", dismissErrors.Report);
        if (dismissed)
        {
            StopDismissing();
            await LoadSummaryAsync(SummaryQuery(Query));
        }
    }

    private Task MarkBilledAsync(MissedBillingOpportunity opportunity) => ChangeStateAsync(
        cancellationToken => Gateway.MarkMissedBillingBilledAsync(opportunity.Id, cancellationToken),
        $"Marked {Describe(opportunity)} as billed.");

    private Task ReopenAsync(MissedBillingOpportunity opportunity) => ChangeStateAsync(
        cancellationToken => Gateway.ReopenMissedBillingAsync(opportunity.Id, cancellationToken),
        $"Reopened {Describe(opportunity)}.");

    private async Task ChangeStateAsync(Func<CancellationToken, Task> change, string done)
    {
        StopDismissing();
        if (await ChangeAsync(change, done))
        {
            await LoadSummaryAsync(SummaryQuery(Query));
        }
    }

    private static string Describe(MissedBillingOpportunity opportunity) =>
        $"{MissedBillingKinds.Label(opportunity.Kind).ToLowerInvariant()} for {opportunity.ClientName ?? "an unknown client"}"
        + (opportunity.Period is { } period ? $" ({period})" : string.Empty);

    private static string Opportunities(int count) =>
        $"{QuantityFormat.Count(count)} {(count == 1 ? "opportunity" : "opportunities")}";
}
