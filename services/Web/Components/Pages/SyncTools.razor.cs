using BillingOne.Web.Api;
using BillingOne.Web.Authentication;
using BillingOne.Web.Components.Integrations;
using BillingOne.Web.Components.SyncTools;

namespace BillingOne.Web.Components.Pages;

/// <summary>
/// The Sync tools hub (seed 001): the device snapshot (RMM sync) with its monthly schedule, the catalog sync (Pax8)
/// with the catalog mapping, the contacts syncs of the accounting integrations that are set up (Xero, SuperOps), each
/// with its last result, and Full reconcile, which runs them one after another through the same runners.
/// </summary>
public sealed partial class SyncTools : GatewayComponentBase
{
    private readonly Dictionary<SyncToolStep, string> stepStates = [];
    private readonly Dictionary<string, ApiProblem> problems = [];
    private CurrentUser user = new(null, string.Empty, null);
    private Dictionary<IntegrationKey, Integration>? integrations;
    private SyncRunner? rmm;
    private SyncRunner? pax8;
    private SyncRunner? xero;
    private SyncRunner? superOps;
    private CatalogMappings? catalog;
    private bool isReconciling;
    private string? reconciled;

    protected override async Task OnInitializedAsync()
    {
        user = await GetCurrentUserAsync();
        await ReloadIntegrationsAsync();
    }

    /// <summary>Every service answers for its own integrations: one being down still shows the others.</summary>
    private async Task ReloadIntegrationsAsync()
    {
        var loads = IntegrationServices.All.ToDictionary(path => path,
            path => CallAsync(cancellationToken => Gateway.GetIntegrationsAsync(path, cancellationToken)));
        var loaded = new Dictionary<IntegrationKey, Integration>();
        foreach (var (servicePath, load) in loads)
        {
            var outcome = await load;
            if (outcome.Problem is { } problem)
            {
                problems[servicePath] = problem;
                continue;
            }

            problems.Remove(servicePath);
            foreach (var integration in outcome.Value ?? [])
            {
                loaded[new IntegrationKey(servicePath, integration.Name)] = integration;
            }
        }

        integrations = loaded;
    }

    private Integration? Find(SyncToolStep step) => integrations?.GetValueOrDefault(step.Key);

    /// <summary>A sync starts only when the integration is on and has settings (saved or the deployment's).</summary>
    private bool IsConfigured(SyncToolStep step) =>
        Find(step) is { Enabled: true } integration && integration.SettingsSource != SettingsSources.None;

    private SyncRunner? RunnerOf(SyncToolStep step) =>
        step == SyncToolSteps.DeviceSnapshot ? rmm
        : step == SyncToolSteps.Catalog ? pax8
        : step == SyncToolSteps.Xero ? xero
        : superOps;

    private async Task OnCatalogSyncedAsync()
    {
        await ReloadIntegrationsAsync();
        if (catalog is not null)
        {
            await catalog.RefreshAsync();
        }
    }

    /// <summary>Each step in turn, whatever became of the one before, so one integration down skips nothing else.</summary>
    private async Task FullReconcileAsync()
    {
        isReconciling = true;
        reconciled = null;
        stepStates.Clear();
        foreach (var step in SyncToolSteps.All)
        {
            stepStates[step] = IsConfigured(step) ? StepStates.Waiting : StepStates.Skipped;
        }

        foreach (var step in SyncToolSteps.All.Where(step => stepStates[step] == StepStates.Waiting))
        {
            stepStates[step] = SyncRunStatuses.Running;
            StateHasChanged();
            var run = RunnerOf(step) is { } runner ? await runner.RunAsync(SyncTriggers.SyncAll) : null;
            stepStates[step] = run?.Status == SyncRunStatuses.Completed ? SyncRunStatuses.Completed : SyncRunStatuses.Failed;
        }

        isReconciling = false;
        var failed = stepStates.Count(state => state.Value == SyncRunStatuses.Failed);
        reconciled = failed == 0
            ? "Full reconcile has finished."
            : $"Full reconcile has finished; {failed} step{(failed == 1 ? "" : "s")} failed.";
    }

    private string StepText(SyncToolStep step) => stepStates.GetValueOrDefault(step) switch
    {
        null => IsConfigured(step) || integrations is null ? "Ready" : "Not set up",
        StepStates.Waiting => "Waiting",
        StepStates.Skipped => "Not set up",
        var status => SyncRunStatuses.Label(status),
    };

    private string StepBadge(SyncToolStep step) => stepStates.GetValueOrDefault(step) switch
    {
        SyncRunStatuses.Running or SyncRunStatuses.Completed or SyncRunStatuses.Failed => $"badge-sync-{stepStates[step]}",
        _ => "badge-neutral",
    };

    private static class StepStates
    {
        public const string Waiting = "waiting";
        public const string Skipped = "skipped";
    }
}
