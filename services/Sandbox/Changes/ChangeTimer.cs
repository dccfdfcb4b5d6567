using Microsoft.Extensions.Options;

namespace BillingOne.Sandbox.Changes;

/// <summary>Advances the world one step per <see cref="ChangesOptions.Interval"/>, when one is configured.</summary>
public sealed partial class ChangeTimer(
    SandboxWorld world, IOptions<ChangesOptions> options, TimeProvider timeProvider, ILogger<ChangeTimer> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Interval is not { } interval)
        {
            return;
        }
        using var timer = new PeriodicTimer(interval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var report = world.Advance(1);
                LogStep(logger, report.Step, report.Pax8.SubscriptionsAdded.Count, report.Pax8.SubscriptionsCancelled.Count,
                    report.Pax8.QuantityChanged.Count, report.Rmm.DevicesAdded.Count, report.Rmm.DevicesRetired.Count);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sandbox world moved to step {Step} on its timer: " +
        "{Added} subscriptions added, {Cancelled} cancelled, {Resized} resized; {DevicesAdded} devices added, {DevicesRetired} retired")]
    private static partial void LogStep(ILogger logger, int step, int added, int cancelled, int resized, int devicesAdded,
        int devicesRetired);
}
