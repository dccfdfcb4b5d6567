using BillingOne.Web.Api;
using BillingOne.Web.Components.Shared;
using BillingOne.Web.Formatting;
using Microsoft.AspNetCore.Components;

namespace BillingOne.Web.Components.Pages.Metering;

/// <summary>
/// Billing Readings (seed section): Run Billing with the job's status, a period's clients with their totals
/// (searched and paged), a client's bucket readings and adjustments, the period's CSV export and finalizing it.
/// The period filter offers the periods with readings and starts at the most recently loaded one.
/// </summary>
public sealed partial class BillingReadings
{
    /// <summary>Every period with readings fits one page: 200 months is more than 16 years of billing.</summary>
    private const int PeriodsPageSize = ApiQuery.MaxPageSize;

    private IReadOnlyList<BillingPeriodSummary>? periods;
    private ApiProblem? periodsProblem;
    private PeriodClientsQuery Query { get; set; } = new();
    private ClientBillingSummary? selectedClient;
    private bool pendingFinalize;

    /// <summary>Changes when the readings may have changed (a run ended, the period was finalized), so the
    /// selected client's readings load again.</summary>
    private int readingsVersion;

    protected override int CurrentPage
    {
        get => Query.Page;
        set => Query = Query with { Page = value };
    }

    private string? NewestPeriod => periods is [var newest, ..] ? newest.Period : null;

    private BillingPeriodSummary? SelectedPeriod => periods?.FirstOrDefault(period => period.Period == Query.Period);

    /// <summary>The export's period: none for the most recently loaded one, which the service exports by default.</summary>
    private string? ExportPeriod => Query.Period == NewestPeriod ? null : Query.Period;

    protected override async Task LoadFirstAsync()
    {
        await LoadPeriodsAsync();
        if (Query.Period.Length > 0)
        {
            await LoadAsync();
        }
    }

    protected override Task<PagedList<ClientBillingSummary>> FetchPageAsync(CancellationToken cancellationToken) =>
        Gateway.GetPeriodClientsAsync(Query, cancellationToken);

    /// <summary>Loads the periods; a period no longer listed, or none chosen yet, becomes the newest.</summary>
    private async Task LoadPeriodsAsync()
    {
        var loaded = await CallAsync(cancellationToken => Gateway.GetBillingPeriodsAsync(PeriodsPageSize, cancellationToken));
        if (loaded.Abandoned)
        {
            return;
        }

        periodsProblem = loaded.Problem;
        if (loaded.Value is null)
        {
            return;
        }

        var followsNewest = Query.Period.Length == 0 || Query.Period == NewestPeriod;
        periods = loaded.Value.Items;
        if (followsNewest || SelectedPeriod is null)
        {
            ChoosePeriod(NewestPeriod ?? string.Empty);
        }
    }

    private void ChoosePeriod(string period)
    {
        if (period != Query.Period)
        {
            Query = Query with { Period = period, Page = 1 };
            selectedClient = null;
            pendingFinalize = false;
        }
    }

    private Task ShowPeriodAsync(ChangeEventArgs change)
    {
        ChoosePeriod(change.Value as string ?? string.Empty);
        Status = null;
        ChangeProblem = null;
        return LoadAsync();
    }

    private Task SearchAsync(ChangeEventArgs change)
    {
        Query = Query with { Search = FormText.OrNull(change.Value as string), Page = 1 };
        return LoadAsync();
    }

    private void SelectClient(ClientBillingSummary client) =>
        selectedClient = selectedClient?.ClientId == client.ClientId ? null : client;

    /// <summary>A run wrote new readings: its period may be new, and the one shown may have changed.</summary>
    private async Task ShowRunResultAsync()
    {
        await LoadPeriodsAsync();
        readingsVersion++;
        if (Query.Period.Length > 0)
        {
            await LoadAsync();
            // The selected client's totals come from the list, which the run may have changed.
            selectedClient = List?.Items.FirstOrDefault(client => client.ClientId == selectedClient?.ClientId);
        }
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
            await LoadPeriodsAsync();
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
