using System.Globalization;
using BillingOne.DemoSeeder.Gateway;
using BillingOne.DemoSeeder.Sandbox;
using Microsoft.Extensions.Logging;

namespace BillingOne.DemoSeeder.Seeding;

/// <summary>A vendor sync the seeder starts: the service's integrations path and the integration's name.</summary>
public sealed record VendorSync(string DisplayName, string IntegrationsPath, string Integration)
{
    public static readonly VendorSync Pax8 = new("Pax8", "/api/subscription/integrations", "pax8");
    public static readonly VendorSync Rmm = new("RMM", "/api/reconciliation/integrations", "rmm");
    public static readonly VendorSync Xero = new("Xero", "/api/invoice/integrations", "xero");
    public static readonly VendorSync Synergy = new("Synergy", "/api/reconciliation/integrations", "synergy");

    /// <summary>Started only where its service lists it: it comes with another change.</summary>
    public static readonly VendorSync SuperOps = new("SuperOps", "/api/invoice/integrations", "superops");
}

/// <summary>How one vendor sync ended: its last state, or why there is none (not available, refused).</summary>
public sealed record SyncOutcome(VendorSync Sync, SyncRunInfo? Run, string? Refusal)
{
    public bool Completed => Run?.Status == "completed";
}

/// <summary>What seeding the vendor data did.</summary>
public sealed record VendorSeedSummary(
    int ClientsWanted,
    int ClientsCreated,
    IReadOnlyList<SyncOutcome> Syncs,
    IReadOnlyDictionary<string, MappingCounts> Mappings);

/// <summary>
/// Fills the integrations pages from the sandbox: creates the clients the MSP has typed into BillingOne (the sandbox
/// lists them; a name that exists already, ignoring case, is left alone), connects Xero through the sandbox's consent
/// page as a browser would (unless it is connected already), then starts the Pax8, RMM, Xero and Synergy syncs (and
/// SuperOps where the invoice service offers it) together as Sync All does and waits for all, so the mapping, invoice
/// and domain pages open filled. A sync that fails, cannot start or does not finish in time is a warning only, as is
/// Xero refusing the connection: the usage data seeded before stays complete. Without the sandbox's URL nothing is done.
/// </summary>
public sealed partial class VendorSyncSeeder(
    GatewayApi api,
    SandboxApi? sandbox,
    SeederTimings timings,
    TimeProvider timeProvider,
    ILogger logger,
    XeroConsent? xeroConsent = null)
{
    public const string SyncAllTrigger = "sync-all";

    private static readonly VendorSync[] Syncs = [VendorSync.Pax8, VendorSync.Rmm, VendorSync.Xero, VendorSync.Synergy];

    /// <summary>The summary, or null when the seeder was given no sandbox.</summary>
    public async Task<VendorSeedSummary?> RunAsync(CancellationToken cancellationToken)
    {
        if (sandbox is null)
        {
            LogNoSandbox();
            return null;
        }
        var (wanted, created) = await EnsureClientsAsync(sandbox, cancellationToken);
        var xeroRefusal = await EnsureXeroConnectedAsync(cancellationToken);
        var syncs = await AvailableSyncsAsync(cancellationToken);
        // All are started before any is waited for, so they run side by side as after Sync All.
        var starts = new List<(VendorSync Sync, SyncStart Start)>();
        foreach (var sync in syncs)
        {
            starts.Add((sync, sync == VendorSync.Xero && xeroRefusal is not null
                ? new SyncStart(null, false, xeroRefusal)
                : await api.StartSyncAsync(sync.IntegrationsPath, sync.Integration, SyncAllTrigger, cancellationToken)));
        }
        var outcomes = await Task.WhenAll(starts.Select(start => FollowAsync(start.Sync, start.Start, cancellationToken)));
        var mappings = await api.GetMappingSummaryAsync(cancellationToken);
        foreach (var (vendor, counts) in mappings.OrderBy(entry => entry.Key, StringComparer.Ordinal))
        {
            LogMappings(vendor, counts.Total, counts.Mapped, counts.Unmapped, counts.WithSuggestions);
        }
        return new VendorSeedSummary(wanted, created, outcomes, mappings);
    }

    /// <summary>
    /// Null once Xero is connected (already, or now through the sandbox's consent page; when Xero authorized several
    /// organisations, the first is chosen), otherwise why not. Without a consent client nothing is tried: the sync says.
    /// </summary>
    private async Task<string?> EnsureXeroConnectedAsync(CancellationToken cancellationToken)
    {
        if (xeroConsent is null)
        {
            return null;
        }
        try
        {
            if ((await api.GetXeroConnectionAsync(cancellationToken)).IsConnected)
            {
                LogXeroAlreadyConnected();
                return null;
            }
            var authorizeUrl = await api.ConnectXeroAsync(cancellationToken);
            var settingsPage = await xeroConsent.AllowAsync(authorizeUrl, cancellationToken);
            var answer = System.Web.HttpUtility.ParseQueryString(settingsPage.Query);
            if (answer["xero"] == "choose-tenant" &&
                (await api.GetXeroConnectionAsync(cancellationToken)).Tenants is [var first, ..])
            {
                await api.ChooseXeroTenantAsync(first.Id, cancellationToken);
            }
            else if (answer["xero"] != "connected")
            {
                return $"Xero not connected: the callback answered xero={answer["xero"]} {answer["reason"]}".TrimEnd();
            }
            var connection = await api.GetXeroConnectionAsync(cancellationToken);
            if (!connection.IsConnected)
            {
                return $"Xero not connected: its connection is {connection.Status} {connection.Error}".TrimEnd();
            }
            LogXeroConnected(connection.TenantName);
            return null;
        }
        catch (Exception exception) when (exception is GatewayApiException or XeroConsentException
                                              or HttpRequestException)
        {
            return $"Xero not connected: {exception.Message}";
        }
    }

    /// <summary>The syncs Sync All starts, SuperOps only where the invoice service lists it.</summary>
    private async Task<IReadOnlyList<VendorSync>> AvailableSyncsAsync(CancellationToken cancellationToken)
    {
        var optional = VendorSync.SuperOps;
        IReadOnlyList<string>? offered;
        try
        {
            offered = await api.ListIntegrationNamesAsync(optional.IntegrationsPath, cancellationToken);
        }
        catch (GatewayApiException exception)
        {
            LogSyncNotAvailable(optional.DisplayName, exception.Message);
            return Syncs;
        }
        if (offered is null || !offered.Contains(optional.Integration, StringComparer.OrdinalIgnoreCase))
        {
            LogSyncNotAvailable(optional.DisplayName, $"{optional.IntegrationsPath} does not list it");
            return Syncs;
        }
        return [.. Syncs, optional];
    }

    /// <summary>One at a time: a few hundred quick calls, not worth loading the subscription service for.</summary>
    private async Task<(int Wanted, int Created)> EnsureClientsAsync(SandboxApi source,
        CancellationToken cancellationToken)
    {
        var wanted = await source.ListBillingOneClientsAsync(cancellationToken);
        var existing = (await api.ListClientsAsync(cancellationToken))
            .Select(client => client.Name)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var created = 0;
        foreach (var client in wanted.Where(client => !existing.Contains(client.Name)))
        {
            // Null: a 409, someone created it since the list was read.
            if (await api.CreateClientAsync(client.Name, client.TimeZone, cancellationToken) is not null)
            {
                created++;
            }
        }
        LogClients(wanted.Count, created);
        return (wanted.Count, created);
    }

    private async Task<SyncOutcome> FollowAsync(VendorSync sync, SyncStart start, CancellationToken cancellationToken)
    {
        if (start.RunId is not { } runId)
        {
            LogSyncNotStarted(sync.DisplayName, start.Refusal);
            return new SyncOutcome(sync, null, start.Refusal);
        }
        if (start.AlreadyActive)
        {
            LogFollowingActiveSync(sync.DisplayName, runId);
        }
        var started = timeProvider.GetTimestamp();
        var run = await api.GetSyncRunAsync(sync.IntegrationsPath, runId, cancellationToken);
        while (run.IsActive)
        {
            if (timeProvider.GetElapsedTime(started) >= timings.VendorSyncTimeout)
            {
                LogSyncStillActive(sync.DisplayName, runId, run.Status, timings.VendorSyncTimeout, run.ItemsDone,
                    run.ItemsTotal);
                return new SyncOutcome(sync, run, null);
            }
            await Task.Delay(timings.PollInterval, timeProvider, cancellationToken);
            run = await api.GetSyncRunAsync(sync.IntegrationsPath, runId, cancellationToken);
        }
        if (run.Status == "completed")
        {
            LogSyncCompleted(sync.DisplayName, run.DurationSeconds ?? 0, Counts(run));
        }
        else
        {
            LogSyncFailed(sync.DisplayName, runId, run.Status, run.Error);
        }
        return new SyncOutcome(sync, run, null);
    }

    /// <summary>"companies 3 added, 1 changed, 0 removed; products …" per kind, or the run's totals when it gives no breakdown.</summary>
    private static string Counts(SyncRunInfo run)
    {
        static string Of(SyncCounts counts) => string.Create(CultureInfo.InvariantCulture,
            $"{counts.Added} added, {counts.Changed} changed, {counts.Removed} removed");
        return run.Breakdown is { Count: > 0 } kinds
            ? string.Join("; ", kinds.Select(kind => $"{kind.Key} {Of(kind.Value)}"))
            : Of(new SyncCounts(run.Added, run.Changed, run.Removed));
    }

    [LoggerMessage(EventId = 30, Level = LogLevel.Information,
        Message = "No sandbox URL (BILLINGONE_SANDBOX_URL): the sandbox's clients are not created and no vendor sync is started")]
    private partial void LogNoSandbox();

    [LoggerMessage(EventId = 31, Level = LogLevel.Information,
        Message = "Clients the sandbox lists as typed into BillingOne: {Count} wanted, {Created} created")]
    private partial void LogClients(int count, int created);

    [LoggerMessage(EventId = 32, Level = LogLevel.Warning, Message = "{Sync} sync not started: {Reason}")]
    private partial void LogSyncNotStarted(string sync, string? reason);

    [LoggerMessage(EventId = 33, Level = LogLevel.Information,
        Message = "A {Sync} sync was already in progress: following its run {RunId}")]
    private partial void LogFollowingActiveSync(string sync, Guid runId);

    [LoggerMessage(EventId = 34, Level = LogLevel.Warning,
        Message = "{Sync} sync {RunId} is still {Status} after {Timeout} ({Done} of {Total} items): left to finish on its own")]
    private partial void LogSyncStillActive(string sync, Guid runId, string status, TimeSpan timeout, int done, int? total);

    [LoggerMessage(EventId = 35, Level = LogLevel.Information, Message = "{Sync} sync completed in {Seconds:F1} s: {Counts}")]
    private partial void LogSyncCompleted(string sync, double seconds, string counts);

    [LoggerMessage(EventId = 36, Level = LogLevel.Warning, Message = "{Sync} sync {RunId} {Status}: {Error}")]
    private partial void LogSyncFailed(string sync, Guid runId, string status, string? error);

    [LoggerMessage(EventId = 37, Level = LogLevel.Information,
        Message = "{Vendor} accounts: {Total} in all, {Mapped} mapped, {Unmapped} unmapped, {WithSuggestions} with suggestions")]
    private partial void LogMappings(string vendor, int total, int mapped, int unmapped, int withSuggestions);

    [LoggerMessage(EventId = 38, Level = LogLevel.Information, Message = "Xero is connected already")]
    private partial void LogXeroAlreadyConnected();

    [LoggerMessage(EventId = 39, Level = LogLevel.Information,
        Message = "Xero connected through the sandbox's consent page: organisation {Tenant}")]
    private partial void LogXeroConnected(string? tenant);

    [LoggerMessage(EventId = 40, Level = LogLevel.Information, Message = "{Sync} sync not available: {Reason}")]
    private partial void LogSyncNotAvailable(string sync, string reason);
}
