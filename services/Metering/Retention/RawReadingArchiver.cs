using BillingOne.BuildingBlocks.Auditing;
using BillingOne.BuildingBlocks.Hosting;
using BillingOne.Metering.Data;
using Microsoft.Extensions.Options;

namespace BillingOne.Metering.Retention;

/// <summary>
/// Every <see cref="ReadingRetentionOptions.Interval"/>, archives the month partitions of raw readings the
/// organizations' retentions allow and drops the archives they allow (<see cref="ReadingRetentionStore"/>). Replicas
/// running it together archive each month once.
/// </summary>
public sealed partial class RawReadingArchiver(
    ReadingRetentionStore retention,
    IServiceScopeFactory scopes,
    IOptions<ReadingRetentionOptions> options,
    TimeProvider timeProvider,
    ILogger<RawReadingArchiver> logger) : PeriodicWorker(timeProvider)
{
    protected override TimeSpan Interval => options.Value.Interval;

    protected override bool Enabled => options.Value.Enabled;

    protected override Task RunPassAsync(CancellationToken cancellationToken) => ArchiveDueAsync(cancellationToken);

    protected override void OnPassFailed(Exception exception) => LogFailed(exception);

    /// <summary>One pass now: what it archived and dropped.</summary>
    public async Task<ArchivePass> ArchiveDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var pass = await retention.ArchiveDueAsync(scope.ServiceProvider.GetRequiredService<IAuditTrail>(),
            cancellationToken);
        foreach (var month in pass.Archived)
        {
            LogArchived(month.Month, month.Table);
        }
        foreach (var month in pass.Dropped)
        {
            LogDropped(month.Month, month.Table);
        }
        return pass;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Raw readings of {Month} archived as {Table}")]
    private partial void LogArchived(DateOnly month, string table);

    [LoggerMessage(Level = LogLevel.Information, Message = "Archive {Table} of the raw readings of {Month} dropped")]
    private partial void LogDropped(DateOnly month, string table);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Archiving raw readings failed; the next pass tries again")]
    private partial void LogFailed(Exception exception);
}
