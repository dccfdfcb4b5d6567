using BillingOne.BuildingBlocks.Hosting;
using BillingOne.Metering.Data;
using BillingOne.Metering.Domain;
using Microsoft.Extensions.Options;

namespace BillingOne.Metering.Anomalies;

/// <summary>
/// Every <see cref="UsageAnomalyOptions.ScanInterval"/>, scans each organization with bound assets whose stored
/// anomalies are due (<see cref="UsageAnomalyScan.IsDue"/>: a new examined day, or a scan older than
/// <see cref="UsageAnomalyOptions.RescanInterval"/>). Every replica runs this; the organization's lock and the check
/// under it let one of them scan. One organization's failure does not hold up the others.
/// </summary>
public sealed partial class UsageAnomalyScanner(
    UsageAnomalyStore anomalies,
    IOptions<UsageAnomalyOptions> options,
    TimeProvider timeProvider,
    ILogger<UsageAnomalyScanner> logger) : PeriodicWorker(timeProvider)
{
    protected override TimeSpan Interval => options.Value.ScanInterval;

    protected override bool Enabled => options.Value.Enabled;

    protected override Task RunPassAsync(CancellationToken cancellationToken) => ScanDueAsync(cancellationToken);

    protected override void OnPassFailed(Exception exception) => LogPassFailed(exception);

    /// <summary>One pass: scans every organization that is due; returns how many it scanned.</summary>
    public async Task<int> ScanDueAsync(CancellationToken cancellationToken)
    {
        var scanned = 0;
        foreach (var (orgId, lastScan) in await anomalies.OrganizationsAsync(cancellationToken))
        {
            var now = Clock.GetUtcNow();
            var window = UsageAnomalyWindow.Before(now);
            if (!UsageAnomalyScan.IsDue(lastScan, window, now, options.Value.RescanInterval))
            {
                continue;
            }
            try
            {
                if (await anomalies.ScanIfDueAsync(orgId, window, now, options.Value.RescanInterval,
                        cancellationToken) is { } found)
                {
                    scanned++;
                    LogScanned(orgId, window.Day, found);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogOrganizationFailed(exception, orgId);
            }
        }
        return scanned;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Usage anomalies of organization {OrgId} on {ExaminedDay} scanned: {Count} found")]
    private partial void LogScanned(Guid orgId, DateOnly examinedDay, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Scanning the usage anomalies of organization {OrgId} failed")]
    private partial void LogOrganizationFailed(Exception exception, Guid orgId);

    [LoggerMessage(Level = LogLevel.Error, Message = "The usage anomaly scanner could not list the organizations")]
    private partial void LogPassFailed(Exception exception);
}
