using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using BillingOne.Contracts.Events;
using MassTransit;
using MassTransit.Serialization;

namespace BillingOne.BuildingBlocks.Messaging;

/// <summary>
/// A received <see cref="UsageReadingsAccepted"/>, decoded once: its consumer, a retry or a move to another queue
/// (which writes it again as protobuf) all see the same instance. Headers come from the transport, as with
/// MassTransit's raw serializers.
/// </summary>
public sealed class UsageReadingsAcceptedSerializerContext(
    UsageReadingsAccepted accepted, MessageContext messageContext, string[] supportedMessageTypes)
    : BaseSerializerContext(SystemTextJsonMessageSerializer.Instance, messageContext, supportedMessageTypes)
{
    public override bool IsSupportedMessageType<T>() => typeof(T).IsAssignableFrom(typeof(UsageReadingsAccepted));

    public override bool IsSupportedMessageType(Type messageType) => messageType.IsAssignableFrom(typeof(UsageReadingsAccepted));

    public override bool TryGetMessage<T>(out T? result) where T : class
    {
        result = accepted as T;
        return result is not null;
    }

    public override bool TryGetMessage(Type messageType, [NotNullWhen(true)] out object? result)
    {
        result = IsSupportedMessageType(messageType) ? accepted : null;
        return result is not null;
    }

    public override IMessageSerializer GetMessageSerializer() => UsageReadingsAcceptedSerializer.Instance;

    public override IMessageSerializer GetMessageSerializer<T>(MessageEnvelope envelope, T message) =>
        UsageReadingsAcceptedSerializer.Instance;

    public override IMessageSerializer GetMessageSerializer(object message, string[] messageTypes) =>
        UsageReadingsAcceptedSerializer.Instance;

    public override Dictionary<string, object> ToDictionary<T>(T? message) where T : class => message is null
        ? new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase)
        : JsonSerializer.SerializeToElement(message, SystemTextJsonMessageSerializer.Options)
            .Deserialize<Dictionary<string, object>>(SystemTextJsonMessageSerializer.Options)!;
}
