using Microsoft.Extensions.Hosting;

namespace BillingOne.BuildingBlocks.Hosting;

/// <summary>
/// A background loop of passes with a wait between them, until the host stops. A pass that throws is reported to
/// <see cref="OnPassFailed"/> and the next pass tries again, so an outage (the database restarting) never ends the loop
/// nor the service; stopping ends a pass or a wait quietly.
/// </summary>
public abstract class PeriodicWorker(TimeProvider clock) : BackgroundService
{
    private bool finished;

    /// <summary>The clock the waits run on (a test's fake one, say); derived workers read time from it too.</summary>
    protected TimeProvider Clock { get; } = clock;

    /// <summary>The wait between passes.</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>Whether the worker runs at all (a setting can turn it off); read once, as the service starts.</summary>
    protected virtual bool Enabled => true;

    /// <summary>Whether the first pass runs as the service starts (the default) or after a first wait.</summary>
    protected virtual bool PassAtStart => true;

    protected abstract Task RunPassAsync(CancellationToken cancellationToken);

    /// <summary>Reports a failed pass (a log line naming the work); the loop goes on.</summary>
    protected abstract void OnPassFailed(Exception exception);

    /// <summary>The wait between passes; a worker that can be woken early waits on its signal instead.</summary>
    protected virtual Task WaitAsync(CancellationToken cancellationToken) => Task.Delay(Interval, Clock, cancellationToken);

    /// <summary>Called by a pass when the work is done for good: the loop ends after it.</summary>
    protected void StopAfterThisPass() => finished = true;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            return;
        }
        try
        {
            if (!PassAtStart)
            {
                await WaitAsync(stoppingToken);
            }
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await RunPassAsync(stoppingToken);
                }
                catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
                {
                    OnPassFailed(exception);
                }
                if (finished)
                {
                    return;
                }
                await WaitAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
