namespace BillingOne.Identity.Data;

/// <summary>
/// Flushes <see cref="ApiKeyUsageRecorder"/> every <c>ApiKeys:UsageFlushInterval</c> (default 30 seconds), and once
/// more when the service stops.
/// </summary>
public sealed partial class ApiKeyUsageFlushService(
    ApiKeyUsageRecorder recorder,
    IConfiguration configuration,
    TimeProvider timeProvider,
    ILogger<ApiKeyUsageFlushService> logger) : BackgroundService
{
    public const string IntervalSetting = "ApiKeys:UsageFlushInterval";

    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(configuration.GetValue(IntervalSetting, DefaultInterval), timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync writes what is left.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await FlushAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogShutdownFlushCancelled();
        }
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        try
        {
            await recorder.FlushAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The uses were put back and the next tick tries again; a failed flush must not stop the service.
            LogFlushFailed(exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not write API keys' last-used times; retrying on the next flush")]
    private partial void LogFlushFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shutdown ran out of time before API keys' last-used times were written")]
    private partial void LogShutdownFlushCancelled();
}
