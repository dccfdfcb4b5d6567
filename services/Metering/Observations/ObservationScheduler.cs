using BillingOne.BuildingBlocks.Hosting;
using BillingOne.Metering.Data;
using Microsoft.Extensions.Options;

namespace BillingOne.Metering.Observations;

/// <summary>
/// Every <see cref="ObservationOptions.ScheduleInterval"/> (from start-up on), marks every enabled bucket for
/// observation: projections move with elapsed time even without readings, and a new period's first observation comes
/// within the interval. Replicas marking the same buckets only keep one mark each.
/// </summary>
public sealed partial class ObservationScheduler(
    UsageObservationStore observations,
    IOptions<ObservationOptions> options,
    TimeProvider timeProvider,
    ILogger<ObservationScheduler> logger) : PeriodicWorker(timeProvider)
{
    protected override TimeSpan Interval => options.Value.ScheduleInterval;

    protected override bool Enabled => options.Value.Enabled;

    protected override Task RunPassAsync(CancellationToken cancellationToken) => MarkEnabledAsync(cancellationToken);

    protected override void OnPassFailed(Exception exception) => LogMarkFailed(exception);

    private async Task MarkEnabledAsync(CancellationToken cancellationToken) =>
        LogMarked(await observations.MarkEnabledAsync(cancellationToken));

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} enabled buckets marked for their scheduled observation")]
    private partial void LogMarked(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Marking the enabled buckets for observation failed")]
    private partial void LogMarkFailed(Exception exception);
}
