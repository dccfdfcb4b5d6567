using BillingOne.BuildingBlocks.Hosting;
using BillingOne.Metering.Data;
using Microsoft.Extensions.Options;

namespace BillingOne.Metering.Observations;

/// <summary>
/// Every <see cref="ObservationOptions.DebounceSeconds"/>, publishes the usage observation of each bucket whose mark has
/// rested that long, in batches. Every replica runs this; the marks are taken with SKIP LOCKED, so each is published once.
/// </summary>
public sealed partial class ObservationPublisher(
    UsageObservationStore observations,
    IOptions<ObservationOptions> options,
    TimeProvider timeProvider,
    ILogger<ObservationPublisher> logger) : PeriodicWorker(timeProvider)
{
    protected override TimeSpan Interval => options.Value.Debounce;

    protected override bool Enabled => options.Value.Enabled;

    protected override Task RunPassAsync(CancellationToken cancellationToken) => PublishDueAsync(cancellationToken);

    protected override void OnPassFailed(Exception exception) => LogPassFailed(exception);

    /// <summary>Publishes every bucket marked at least the debounce ago; returns how many.</summary>
    public async Task<int> PublishDueAsync(CancellationToken cancellationToken)
    {
        var markedBy = Clock.GetUtcNow() - options.Value.Debounce;
        var published = 0;
        int batch;
        do
        {
            batch = await observations.PublishMarkedAsync(markedBy, options.Value.BatchSize, cancellationToken);
            published += batch;
        }
        while (batch > 0);
        if (published > 0)
        {
            LogPublished(published);
        }
        return published;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} bucket usage observations published")]
    private partial void LogPublished(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Publishing bucket usage observations failed")]
    private partial void LogPassFailed(Exception exception);
}
