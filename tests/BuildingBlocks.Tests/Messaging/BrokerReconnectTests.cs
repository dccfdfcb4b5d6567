using BillingOne.BuildingBlocks.Messaging;
using MassTransit;
using MassTransit.RabbitMqTransport.Configuration;
using MassTransit.RetryPolicies;
using Shouldly;

namespace BillingOne.BuildingBlocks.Tests.Messaging;

/// <summary>
/// The settings that bring consumers back soon after RabbitMQ returns (the figure measured by hand is in
/// docs/architecture.md, Messaging / Outages): no wait between reconnect attempts grows past a second.
/// </summary>
[Trait("Category", "Unit")]
public sealed class BrokerReconnectTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public void Receive_endpoints_retry_their_connection_at_a_fixed_interval_of_at_most_a_second()
    {
        var policy = ConfiguredPolicy().ShouldBeOfType<IncrementalRetryPolicy>();

        policy.InitialInterval.ShouldBeLessThanOrEqualTo(Second);
        policy.IntervalIncrement.ShouldBe(TimeSpan.Zero);
        // MassTransit never resets the attempt count of a long-lived endpoint: outages add up over its life.
        policy.RetryLimit.ShouldBe(int.MaxValue);
    }

    [Fact]
    public void They_keep_retrying_what_MassTransit_retries_and_only_that()
    {
        var policy = ConfiguredPolicy();

        policy.IsHandled(new RabbitMqConnectionException("Broker unreachable: guest@localhost:5672/")).ShouldBeTrue();
        policy.IsHandled(new InvalidOperationException("a fault of the endpoint itself")).ShouldBeFalse();
    }

    [Fact]
    public void Connection_attempts_give_up_within_seconds_and_dead_connections_are_noticed_within_seconds()
    {
        var host = new RabbitMqHostConfigurator(new Uri("amqp://guest:guest@localhost:5672/"));

        BrokerReconnect.ConfigureHost(host);

        host.Settings.RequestedConnectionTimeout.ShouldBeLessThanOrEqualTo(TimeSpan.FromSeconds(3));
        host.Settings.ContinuationTimeout.ShouldBeLessThanOrEqualTo(TimeSpan.FromSeconds(3));
        host.Settings.Heartbeat.ShouldBeLessThanOrEqualTo(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void The_outbox_relay_tries_again_at_least_every_second_while_the_broker_is_away() =>
        new OutboxRelayOptions().MaxBackoff.ShouldBeLessThanOrEqualTo(Second);

    private static IRetryPolicy ConfiguredPolicy()
    {
        IRetryPolicy? policy = null;
        Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(new Uri("amqp://guest:guest@localhost:5672/"), BrokerReconnect.ConfigureHost);
            BrokerReconnect.ApplyTo(rabbit);
            policy = BrokerReconnect.ReceiveEndpointRetryPolicy(rabbit);
        });
        return policy.ShouldNotBeNull();
    }
}
