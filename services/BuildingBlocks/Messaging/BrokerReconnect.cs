using System.Reflection;
using MassTransit;
using MassTransit.Configuration;

namespace BillingOne.BuildingBlocks.Messaging;

/// <summary>
/// How fast the bus gets its consumers back after RabbitMQ returns. MassTransit 8.5 waits 3 s after a lost
/// connection before reconnecting a receive endpoint, then 6, 12, 24 and 30 s, and never resets that progression,
/// so each outage of a long-lived service ends later than the one before (9-11.5 s measured after a broker restart).
/// It offers no setting for that policy: <see cref="ApplyTo"/> replaces it, keeping the exceptions MassTransit
/// retries, with a fixed <see cref="ReceiveEndpointRetryInterval"/>. The connection attempts themselves give up
/// after <see cref="ConnectTimeout"/> instead of RabbitMQ.Client's 10 s (connect) and 20 s (handshake), so an
/// attempt made while the broker boots does not hold the next one back.
/// </summary>
public static class BrokerReconnect
{
    /// <summary>Between two reconnect attempts of a receive endpoint; MassTransit adds a one-second pause of its own.</summary>
    public static readonly TimeSpan ReceiveEndpointRetryInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>TCP connect, AMQP handshake and each broker operation.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(3);

    /// <summary>A dead connection the operating system did not report is noticed after two missed heartbeats.</summary>
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(5);

    private const string RetryPolicyField = "<ReceiveTransportRetryPolicy>k__BackingField";

    public static void ConfigureHost(IRabbitMqHostConfigurator host)
    {
        host.RequestedConnectionTimeout(ConnectTimeout);
        host.ContinuationTimeout(ConnectTimeout);
        host.Heartbeat(Heartbeat);
    }

    /// <summary>Replaces the receive endpoints' reconnect policy of the bus <paramref name="rabbit"/> configures.</summary>
    public static void ApplyTo(IRabbitMqBusFactoryConfigurator rabbit)
    {
        var (host, field) = RetryPolicyOf(rabbit);
        var original = (IRetryPolicy)field.GetValue(host)!;
        field.SetValue(host, Retry.CreatePolicy(retry =>
        {
            retry.Handle<Exception>(original.IsHandled);
            retry.Incremental(int.MaxValue, ReceiveEndpointRetryInterval, TimeSpan.Zero);
        }));
    }

    /// <summary>The policy the receive endpoints of the bus <paramref name="rabbit"/> configures reconnect by.</summary>
    public static IRetryPolicy ReceiveEndpointRetryPolicy(IRabbitMqBusFactoryConfigurator rabbit)
    {
        var (host, field) = RetryPolicyOf(rabbit);
        return (IRetryPolicy)field.GetValue(host)!;
    }

    // MassTransit keeps the policy in a get-only property of its host configuration, which the configurator holds
    // in a private field. Both are found by type and name; a MassTransit upgrade that moves them fails at start-up
    // (and in BrokerReconnectTests), never silently.
    private static (IHostConfiguration Host, FieldInfo Field) RetryPolicyOf(IRabbitMqBusFactoryConfigurator rabbit)
    {
        var host = InstanceFields(rabbit.GetType())
            .Select(field => field.GetValue(rabbit))
            .OfType<IHostConfiguration>()
            .FirstOrDefault()
            ?? throw new InvalidOperationException(
                $"{rabbit.GetType()} holds no host configuration: MassTransit changed, review {nameof(BrokerReconnect)}.");
        var field = InstanceFields(host.GetType())
            .FirstOrDefault(candidate => candidate.Name == RetryPolicyField && candidate.FieldType == typeof(IRetryPolicy))
            ?? throw new InvalidOperationException(
                $"{host.GetType()} has no {RetryPolicyField}: MassTransit changed, review {nameof(BrokerReconnect)}.");
        return (host, field);
    }

    private static IEnumerable<FieldInfo> InstanceFields(Type? type)
    {
        for (; type is not null; type = type.BaseType)
        {
            foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public
                         | BindingFlags.DeclaredOnly))
            {
                yield return field;
            }
        }
    }
}
