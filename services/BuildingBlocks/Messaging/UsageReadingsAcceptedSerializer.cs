using System.Net.Mime;
using System.Runtime.Serialization;
using BillingOne.Contracts.Events;
using MassTransit;
using MassTransit.Serialization;

namespace BillingOne.BuildingBlocks.Messaging;

/// <summary>
/// Puts <see cref="UsageReadingsAccepted"/> on the broker as its protobuf body (<see cref="UsageReadingsAcceptedProtobuf"/>)
/// under a content type of its own, with the message id and type in transport headers as MassTransit's raw serializers
/// carry them; every other message stays in the JSON envelope. A receiver picks the deserializer by content type, so
/// JSON batches still in a queue from before are read as before.
/// </summary>
public sealed class UsageReadingsAcceptedSerializer : RawMessageSerializer, IMessageSerializer, IMessageDeserializer
{
    public static readonly ContentType BodyContentType = new("application/vnd.billingone.usage-readings-accepted+protobuf");

    public static readonly UsageReadingsAcceptedSerializer Instance = new();

    private UsageReadingsAcceptedSerializer()
    {
    }

    public ContentType ContentType => BodyContentType;

    public MessageBody GetMessageBody<T>(SendContext<T> context) where T : class
    {
        if (context.Message is not UsageReadingsAccepted message)
        {
            throw new SerializationException($"{BodyContentType.MediaType} carries {nameof(UsageReadingsAccepted)} only, not {typeof(T).Name}.");
        }
        SetRawMessageHeaders(context);
        return new BytesMessageBody(UsageReadingsAcceptedProtobuf.Encode(message));
    }

    public ConsumeContext Deserialize(ReceiveContext receiveContext) => new BodyConsumeContext(receiveContext,
        Deserialize(receiveContext.Body, receiveContext.TransportHeaders, receiveContext.InputAddress));

    public SerializerContext Deserialize(MessageBody body, Headers headers, Uri? destinationAddress = null)
    {
        try
        {
            return new UsageReadingsAcceptedSerializerContext(UsageReadingsAcceptedProtobuf.Decode(body.GetBytes()),
                new RawMessageContext(headers, destinationAddress, RawSerializerOptions.Default), headers.GetMessageTypes());
        }
        catch (Exception exception) when (exception is not SerializationException)
        {
            // MassTransit moves a message it cannot deserialize to the _error queue: it can never be processed.
            throw new SerializationException($"Not a {nameof(UsageReadingsAccepted)} protobuf body.", exception);
        }
    }

    public MessageBody GetMessageBody(string text) => new StringMessageBody(text);

    public void Probe(ProbeContext context) =>
        context.CreateScope("protobuf").Add("contentType", BodyContentType.MediaType);
}

/// <summary>Registers <see cref="UsageReadingsAcceptedSerializer"/> with a bus, for sending and receiving.</summary>
public sealed class UsageReadingsAcceptedSerializerFactory : ISerializerFactory
{
    public ContentType ContentType => UsageReadingsAcceptedSerializer.BodyContentType;

    public IMessageSerializer CreateSerializer() => UsageReadingsAcceptedSerializer.Instance;

    public IMessageDeserializer CreateDeserializer() => UsageReadingsAcceptedSerializer.Instance;
}
