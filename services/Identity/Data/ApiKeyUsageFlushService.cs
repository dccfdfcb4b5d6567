using BillingOne.BuildingBlocks.Hosting;

namespace BillingOne.Identity.Data;

/// <summary>
/// Flushes <see cref="ApiKeyUsageRecorder"/> every <c>ApiKeys:UsageFlushInterval</c> (default 30 seconds), and once
/// more when the service stops.
/// </summary>
public sealed partial class ApiKeyUsageFlushService(
    ApiKeyUsageRecorder recorder,
    IConfiguration configuration,
    TimeProvider timeProvider,
    ILogger<ApiKeyUsageFlushService> logger) : PeriodicWorker(timeProvider)
{
    public const string IntervalSetting = "ApiKeys:UsageFlushInterval";

    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(30);

    protected override TimeSpan Interval => configuration.GetValue(IntervalSetting, DefaultInterval);

    protected override bool PassAtStart => false;

    protected override Task RunPassAsync(CancellationToken cancellationToken) => recorder.FlushAsync(cancellationToken);

    // The uses were put back and the next pass tries again.
    protected override void OnPassFailed(Exception exception) => LogFlushFailed(exception);

    /// <summary>Writes what is left once the loop has stopped.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await recorder.FlushAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogShutdownFlushCancelled();
        }
        catch (Exception exception)
        {
            LogFlushFailed(exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not write API keys' last-used times; retrying on the next flush")]
    private partial void LogFlushFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shutdown ran out of time before API keys' last-used times were written")]
    private partial void LogShutdownFlushCancelled();
}
