using BillingOne.BuildingBlocks.Outages;
using MassTransit;

namespace BillingOne.BuildingBlocks.Messaging;

/// <summary>
/// How every consumer of every service retries (docs/reliability.md, "Consumers outlast outages"). A message that
/// failed because PostgreSQL or RabbitMQ was unreachable, restarting, or answered a deadlock or serialization failure
/// (<see cref="InfrastructureOutage.IsOutage"/>) is retried without limit, backing off to
/// <see cref="MaxOutageInterval"/>: it will succeed once the server is back, and sent to <c>_error</c> it would be an
/// acknowledged message lost. While the outage lasts, each of the endpoint's consumer slots holds its message in these
/// retries, so the endpoint takes no further messages: consumption pauses and resumes by itself. Any other failure is
/// retried <see cref="MessagingOptions.RetryLimit"/> times and then goes to <c>_error</c>; a
/// <see cref="MessageValidationException"/> goes there at once, since no retry can mend it.
/// </summary>
public static class ConsumerRetryPolicy
{
    public static readonly TimeSpan MaxOutageInterval = TimeSpan.FromSeconds(15);

    public static void ApplyTo(IBusFactoryConfigurator bus, MessagingOptions options)
    {
        // Outer: whatever the inner retry lets through as an outage is tried again, without limit.
        bus.UseMessageRetry(retry =>
        {
            retry.Handle<Exception>(InfrastructureOutage.IsOutage);
            retry.Exponential(int.MaxValue, options.OutageRetryInterval, MaxOutageInterval,
                options.OutageRetryInterval * 2);
        });
        // Inner: a fault of the message or the service itself, a few times.
        bus.UseMessageRetry(retry =>
        {
            retry.Ignore<MessageValidationException>();
            retry.Ignore<Exception>(InfrastructureOutage.IsOutage);
            retry.Exponential(options.RetryLimit, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10),
                TimeSpan.FromMilliseconds(500));
        });
    }
}
