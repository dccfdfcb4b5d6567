using BillingOne.Web.Api;
using BillingOne.Web.Billing;
using BillingOne.Web.Components.Shared;
using BillingOne.Web.Formatting;
using Microsoft.AspNetCore.Components;

namespace BillingOne.Web.Components.Pages.Metering;

/// <summary>
/// Billing Readings (seed section): Run Billing with the job's status, a period's clients with their totals
/// (searched and paged), a client's bucket readings and adjustments, the period's CSV export and finalizing it.
/// The period filter offers the periods with readings (of the months the from/to days overlap) and starts at the most
/// recently loaded one; period, search, days and page are kept in the URL.
/// </summary>
public sealed partial class BillingReadings : AddressedListComponentBase<ClientBillingSummary, PeriodClientsQuery>
{
    /// <summary>Every period with readings fits one page: 200 months is more than 16 years of billing.</summary>
    private const int PeriodsPageSize = ApiQuery.MaxPageSize;

    private IReadOnlyList<BillingPeriodSummary>? periods;
    private ApiProblem? periodsProblem;

    /// <summary>The days the loaded periods overlap; the periods load again when the address holds others.</summary>
    private (DateOnly? From, DateOnly? To)? periodsRange;

    private string? shownPeriod;
    private ClientBillingSummary? selectedClient;
    private bool pendingFinalize;

    /// <summary>Changes when the readings may have changed (a run ended, the period was finalized), so the
    /// selected client's readings load again.</summary>
    private int readingsVersion;

    [SupplyParameterFromQuery(Name = BillingReadingsListUrl.PeriodParameter)]
    public string? Period { get; set; }

    [SupplyParameterFromQuery(Name = BillingReadingsListUrl.SearchParameter)]
    public string? Search { get; set; }

    [SupplyParameterFromQuery(Name = BillingReadingsListUrl.FromParameter)]
    public string? From { get; set; }

    [SupplyParameterFromQuery(Name = BillingReadingsListUrl.ToParameter)]
    public string? To { get; set; }

    [SupplyParameterFromQuery(Name = BillingReadingsListUrl.PageParameter)]
    public int? Page { get; set; }

    private string? NewestPeriod => periods is [var newest, ..] ? newest.Period : null;

    private BillingPeriodSummary? SelectedPeriod => periods?.FirstOrDefault(period => period.Period == Query.Period);

    /// <summary>The export's period: none for the most recently loaded one, which the service exports by default
    /// (the newest of some months only is named).</summary>
    private string? ExportPeriod =>
        Query.Period == NewestPeriod && Query.MonthsFrom is null && Query.MonthsTo is null ? null : Query.Period;

    /// <summary>The address's query; a period the loaded months do not offer, or none, is the newest of them.</summary>
    protected override PeriodClientsQuery QueryFromAddress()
    {
        var query = BillingReadingsListUrl.Parse(Period, Search, From, To, Page);
        return periods?.Any(period => period.Period == query.Period) == true
            ? query
            : query with { Period = NewestPeriod ?? string.Empty };
    }

    protected override IReadOnlyDictionary<string, object?> AddressOf(PeriodClientsQuery query) =>
        BillingReadingsListUrl.PageParameters(query, NewestPeriod);

    // The periods the address's days select load first: the period shown is one of them.
    protected override async Task OnParametersSetAsync()
    {
        var addressed = BillingReadingsListUrl.Parse(Period, Search, From, To, Page);
        if (periodsRange != (addressed.MonthsFrom, addressed.MonthsTo))
        {
            await LoadPeriodsAsync(addressed.MonthsFrom, addressed.MonthsTo);
        }

        await base.OnParametersSetAsync();
    }

    protected override Task<PagedList<ClientBillingSummary>> FetchPageAsync(CancellationToken cancellationToken) =>
        Query.Period.Length == 0
            ? Task.FromResult(new PagedList<ClientBillingSummary>([], 1, Query.PageSize, 0))
            : Gateway.GetPeriodClientsAsync(Query, cancellationToken);

    /// <summary>Another period closes the client and the finalize question of the one shown before.</summary>
    protected override void OnQueryChanged()
    {
        if (Query.Period != shownPeriod)
        {
            shownPeriod = Query.Period;
            selectedClient = null;
            pendingFinalize = false;
            Status = null;
            ChangeProblem = null;
        }
    }

    private async Task LoadPeriodsAsync(DateOnly? from, DateOnly? to)
    {
        periodsRange = (from, to);
        var loaded = await CallAsync(cancellationToken =>
            Gateway.GetBillingPeriodsAsync(PeriodsPageSize, from, to, cancellationToken));
        if (loaded.Abandoned)
        {
            return;
        }

        periodsProblem = loaded.Problem;
        periods = loaded.Value?.Items ?? periods;
    }

    private void ShowPeriod(ChangeEventArgs change) =>
        Show(Query with { Period = change.Value as string ?? string.Empty, Page = 1 });

    private void OnSearchChanged(ChangeEventArgs change) =>
        Show(Query with { Search = FormText.OrNull(change.Value as string), Page = 1 });

    // Other months offer other periods: the newest of them is shown.
    private void OnFromChanged(DateOnly? from) => Show(Query with { MonthsFrom = from, Period = string.Empty, Page = 1 });

    private void OnToChanged(DateOnly? to) => Show(Query with { MonthsTo = to, Period = string.Empty, Page = 1 });

    private void ShowEveryMonth() =>
        Show(Query with { MonthsFrom = null, MonthsTo = null, Period = string.Empty, Page = 1 });

    private void SelectClient(ClientBillingSummary client) =>
        selectedClient = selectedClient?.ClientId == client.ClientId ? null : client;

    /// <summary>A run wrote new readings: its period may be new, and the one shown may have changed.</summary>
    private async Task ShowRunResultAsync()
    {
        await LoadPeriodsAsync(Query.MonthsFrom, Query.MonthsTo);
        readingsVersion++;
        var selected = selectedClient?.ClientId;
        await ReloadAsync();
        // The selected client's totals come from the list, which the run may have changed.
        selectedClient = List?.Items.FirstOrDefault(client => client.ClientId == selected);
    }

    private void AskToFinalize()
    {
        ChangeProblem = null;
        Status = null;
        pendingFinalize = true;
    }

    private async Task FinalizeAsync()
    {
        var period = Query.Period;
        if (await ChangeAsync(
                cancellationToken => Gateway.FinalizeBillingPeriodAsync(period, cancellationToken),
                finalized => $"Finalized {period}: {Count(finalized.Finalized, "billing reading")} became final."))
        {
            readingsVersion++;
            await LoadPeriodsAsync(Query.MonthsFrom, Query.MonthsTo);
        }

        pendingFinalize = false;
    }

    /// <summary>The period's size, its adjustments and when it was finalized.</summary>
    private static string Facts(BillingPeriodSummary period)
    {
        List<string> facts = [period.Period, Count(period.Clients, "client"), Count(period.Buckets, "bucket")];
        if (period.Adjustments > 0)
        {
            facts.Add(Count(period.Adjustments, "adjustment"));
        }

        if (period.FinalizedAt is { } finalizedAt)
        {
            facts.Add($"finalized {TimestampFormat.Format(finalizedAt)}");
        }

        return string.Join(" · ", facts);
    }

    private static string Count(int count, string noun) =>
        count == 1 ? $"1 {noun}" : $"{QuantityFormat.Count(count)} {noun}s";
}
