namespace BillingOne.Metering.Observations;

/// <summary>The loop of the observation workers: a pass, then the interval, until stopping; a failed pass is logged.</summary>
internal static class PeriodicPass
{
    public static async Task RunAsync(Func<CancellationToken, Task> pass, TimeSpan interval, TimeProvider timeProvider,
        Action<Exception> logFailure, CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await pass(stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    logFailure(exception);
                }
                await Task.Delay(interval, timeProvider, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
