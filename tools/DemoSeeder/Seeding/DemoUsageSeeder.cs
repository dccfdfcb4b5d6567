using BillingOne.DemoSeeder.DemoData;
using BillingOne.DemoSeeder.Gateway;
using Microsoft.Extensions.Logging;

namespace BillingOne.DemoSeeder.Seeding;

/// <summary>Seeding could not finish: something the seeder waited for did not happen in time, or a run failed.</summary>
public sealed class SeedingFailedException(string message) : Exception(message);

/// <summary>What one run of the seeder did; on a re-run every "created" count is 0 (metering skips the readings sent again).</summary>
public sealed record SeedSummary(
    int ClientsCreated,
    int UnitTypesCreated,
    int SuppressionsCreated,
    int AssignmentRulesCreated,
    int IngestKeysCreated,
    IngestTally Readings,
    int AssetsAcknowledged,
    ProvisioningRunInfo ProvisioningRun,
    BillingTally Billing);

/// <summary>
/// Fills the demo organization's metering console through the gateway's public API, in the order the data
/// depends on each other: clients, unit types, the suppression rule and assignment rules (so readings are
/// screened and assigned on arrival), ingest keys, the readings, then — once metering has stored the assets — the
/// established assets are acknowledged and an auto-provisioning run creates the unreviewed buckets; last the three
/// months before the current one are billed (see <see cref="PastMonthsBiller"/>). Every step first looks for what it
/// would create, so a re-run changes nothing.
/// </summary>
public sealed partial class DemoUsageSeeder(
    GatewayApi api,
    IngestKeyFile keyFile,
    SeederTimings timings,
    TimeProvider timeProvider,
    ILogger logger)
{
    private const string IngestRole = "ingest";

    public async Task<SeedSummary> RunAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime);
        var (clients, clientsCreated) = await EnsureClientsAsync(cancellationToken);
        var unitTypesCreated = await EnsureUnitTypesAsync(cancellationToken);
        var suppressionsCreated = await EnsureSuppressionAsync(cancellationToken);
        var rulesCreated = await EnsureAssignmentRulesAsync(clients, cancellationToken);
        var (keys, keysCreated) = await EnsureIngestKeysAsync(clients, cancellationToken);
        var readings = await UploadReadingsAsync(keys, today, cancellationToken);
        var acknowledged = await AcknowledgeEstablishedAssetsAsync(cancellationToken);
        var run = await RunProvisioningAsync(cancellationToken);
        var biller = new PastMonthsBiller(api, new ReadingUploader(api, timings, timeProvider, logger), timings,
            timeProvider, logger);
        var billing = await biller.BillAsync(keys[DemoCatalog.IngestKeyFor(DemoAssets.LateReporter)], today,
            cancellationToken);
        return new SeedSummary(clientsCreated, unitTypesCreated, suppressionsCreated, rulesCreated, keysCreated,
            readings, acknowledged, run, billing);
    }

    private async Task<(Dictionary<string, Guid> Ids, int Created)> EnsureClientsAsync(CancellationToken cancellationToken)
    {
        var ids = new Dictionary<string, Guid>();
        var created = 0;
        foreach (var client in DemoCatalog.Clients)
        {
            var found = await api.FindClientAsync(client.Name, cancellationToken);
            if (found is null)
            {
                // Null: created by someone else since the search; it is found now.
                found = await api.CreateClientAsync(client.Name, null, cancellationToken)
                    ?? await api.FindClientAsync(client.Name, cancellationToken)
                    ?? throw new SeedingFailedException($"The client '{client.Name}' is neither found nor created.");
                created++;
            }
            ids[client.Slug] = found.Id;
        }
        LogStep("Clients", DemoCatalog.Clients.Count, created);
        return (ids, created);
    }

    private async Task<int> EnsureUnitTypesAsync(CancellationToken cancellationToken)
    {
        var created = 0;
        foreach (var unitType in DemoCatalog.UnitTypes)
        {
            // A 409 means the key exists: the organization's own settings for it are kept.
            if (await api.CreateUnitTypeAsync(unitType, cancellationToken))
            {
                created++;
            }
        }
        LogStep("Unit types", DemoCatalog.UnitTypes.Count, created);
        return created;
    }

    private async Task<int> EnsureSuppressionAsync(CancellationToken cancellationToken)
    {
        var wanted = DemoCatalog.Suppression;
        var existing = await api.ListSuppressionsAsync(cancellationToken);
        var exists = existing.Any(rule =>
            string.Equals(rule.Pattern, wanted.Pattern, StringComparison.OrdinalIgnoreCase) &&
            rule.Type == wanted.Type && rule.Target == wanted.Target);
        if (!exists)
        {
            await api.CreateSuppressionAsync(wanted, cancellationToken);
        }
        LogStep("Ingest suppression rules", 1, exists ? 0 : 1);
        return exists ? 0 : 1;
    }

    private async Task<int> EnsureAssignmentRulesAsync(IReadOnlyDictionary<string, Guid> clients,
        CancellationToken cancellationToken)
    {
        var existing = await api.ListAssignmentRulesAsync(cancellationToken);
        var missing = DemoCatalog.AssignmentRules
            .Where(rule => !existing.Any(found => found.ClientId == clients[rule.ClientSlug] &&
                found.Target == rule.Target &&
                string.Equals(found.Pattern, rule.Pattern, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        var started = timeProvider.GetTimestamp();
        foreach (var rule in missing)
        {
            while (await api.CreateAssignmentRuleAsync(rule.Pattern, rule.Target, clients[rule.ClientSlug],
                       cancellationToken) is null)
            {
                if (timeProvider.GetElapsedTime(started) >= timings.ClientSyncTimeout)
                {
                    throw new SeedingFailedException(
                        $"Metering still does not know the client '{rule.ClientSlug}' after " +
                        $"{timings.ClientSyncTimeout:g}. Is it consuming ClientUpserted?");
                }
                await Task.Delay(timings.PollInterval, timeProvider, cancellationToken);
            }
        }
        LogStep("Assignment rules", DemoCatalog.AssignmentRules.Count, missing.Count);
        return missing.Count;
    }

    private async Task<(Dictionary<DemoIngestKey, string> Keys, int Created)> EnsureIngestKeysAsync(
        IReadOnlyDictionary<string, Guid> clients, CancellationToken cancellationToken)
    {
        var stored = keyFile.Load().ToDictionary();
        var keys = new Dictionary<DemoIngestKey, string>();
        var created = 0;
        foreach (var key in DemoCatalog.IngestKeys)
        {
            if (stored.TryGetValue(key.Name, out var known) &&
                await api.FindApiKeyAsync(known.Id, cancellationToken) is { Enabled: true, Revoked: false })
            {
                keys[key] = known.Key;
                continue;
            }
            var clientId = key.ClientSlug is null ? (Guid?)null : clients[key.ClientSlug];
            var newKey = await api.CreateApiKeyAsync(key.Name, IngestRole, clientId, cancellationToken);
            stored[key.Name] = new StoredIngestKey(newKey.Id, newKey.Key);
            keyFile.Save(stored);
            keys[key] = newKey.Key;
            created++;
        }
        LogStep("Ingest API keys", DemoCatalog.IngestKeys.Count, created);
        return (keys, created);
    }

    private async Task<IngestTally> UploadReadingsAsync(IReadOnlyDictionary<DemoIngestKey, string> keys, DateOnly today,
        CancellationToken cancellationToken)
    {
        var uploader = new ReadingUploader(api, timings, timeProvider, logger);
        var total = IngestTally.Empty;
        foreach (var group in DemoAssets.All.GroupBy(DemoCatalog.IngestKeyFor))
        {
            var tally = await uploader.UploadAsync(keys[group.Key], DemoReadings.For(group, today), cancellationToken);
            LogReadings(group.Key.Name, tally.Sent, tally.Accepted, tally.Duplicates, tally.Suppressed);
            total = total.Add(tally);
        }
        if (total.Conflicts > 0)
        {
            LogConflicts(total.Conflicts);
        }
        if (total.Rejected > 0)
        {
            throw new SeedingFailedException(
                $"Ingestion rejected {total.Rejected} demo readings: {string.Join("; ", total.RejectionReasons)}");
        }
        return total;
    }

    /// <summary>
    /// Waits until metering has stored every demo asset the readings announce (it takes them from the bus), then
    /// acknowledges those seen for weeks, so the New page shows only the few that appeared in the last days.
    /// </summary>
    private async Task<int> AcknowledgeEstablishedAssetsAsync(CancellationToken cancellationToken)
    {
        var expected = DemoAssets.All.Where(asset => !asset.Suppressed).ToList();
        var started = timeProvider.GetTimestamp();
        while (true)
        {
            var stored = new Dictionary<(string Source, string ExternalId), AssetInfo>();
            // Assets arriving while the pages are read can shift a row onto the next page: the last copy wins.
            foreach (var asset in (await api.ListAssetsAsync("all", cancellationToken))
                         .Concat(await api.ListAssetsAsync("disregarded", cancellationToken)))
            {
                stored[(asset.Source, asset.ExternalId)] = asset;
            }
            var missing = expected.Where(asset => !stored.ContainsKey((asset.Source, asset.ExternalId))).ToList();
            if (missing.Count == 0)
            {
                var toAcknowledge = expected
                    .Where(asset => !asset.IsNew)
                    .Select(asset => stored[(asset.Source, asset.ExternalId)])
                    .Where(asset => !asset.Acknowledged)
                    .Select(asset => asset.Id)
                    .ToList();
                foreach (var chunk in toAcknowledge.Chunk(GatewayApi.MaxPageSize))
                {
                    await api.AcknowledgeAssetsAsync(chunk, cancellationToken);
                }
                LogAssets(expected.Count, toAcknowledge.Count);
                return toAcknowledge.Count;
            }
            if (timeProvider.GetElapsedTime(started) >= timings.MeteringCatchUpTimeout)
            {
                throw new SeedingFailedException(
                    $"Metering has not stored {missing.Count} of the {expected.Count} demo assets after " +
                    $"{timings.MeteringCatchUpTimeout:g} (e.g. {missing[0].ExternalId}). Is it consuming UsageReadingsAccepted?");
            }
            await Task.Delay(timings.PollInterval, timeProvider, cancellationToken);
        }
    }

    private async Task<ProvisioningRunInfo> RunProvisioningAsync(CancellationToken cancellationToken)
    {
        var run = await api.StartProvisioningRunAsync(cancellationToken);
        var started = timeProvider.GetTimestamp();
        while (run.IsRunning)
        {
            if (timeProvider.GetElapsedTime(started) >= timings.ProvisioningTimeout)
            {
                throw new SeedingFailedException(
                    $"The auto-provisioning run {run.Id} is still running after {timings.ProvisioningTimeout:g}.");
            }
            await Task.Delay(timings.PollInterval, timeProvider, cancellationToken);
            run = await api.GetProvisioningRunAsync(run.Id, cancellationToken);
        }
        if (run.Status != "succeeded")
        {
            throw new SeedingFailedException($"The auto-provisioning run {run.Id} {run.Status}: {run.Error}");
        }
        LogProvisioning(run.BucketsCreated, run.AssetsBound);
        return run;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{What}: {Count} wanted, {Created} created")]
    private partial void LogStep(string what, int count, int created);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information,
        Message = "Readings sent with '{KeyName}': {Sent} sent, {Accepted} accepted, {Duplicates} duplicates, {Suppressed} suppressed")]
    private partial void LogReadings(string keyName, int sent, int accepted, int duplicates, int suppressed);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning,
        Message = "{Count} readings conflict with readings ingested earlier under the same id: the demo data has changed since they were sent, the earlier ones are kept")]
    private partial void LogConflicts(int count);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information,
        Message = "Metering holds all {Count} demo assets; {Acknowledged} established ones acknowledged")]
    private partial void LogAssets(int count, int acknowledged);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information,
        Message = "Auto-provisioning run finished: {Buckets} buckets created, {Assets} assets bound")]
    private partial void LogProvisioning(int buckets, int assets);
}
