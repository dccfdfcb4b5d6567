using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace BillingOne.Gateway.Tests.Infrastructure;

/// <summary>The service a gRPC test backend stands in for.</summary>
public sealed record BackendName(string Service);

/// <summary>
/// Stands in for the partner API's methods (<c>billingone.partner.v1</c>) on every gRPC test backend: each
/// answers [backend, method, authorization] as the call arrived, so a test can see which service the gateway's partner
/// route reached and what it forwarded. The gateway does not read messages, so Empty and ListValue stand in for the
/// real ones.
/// </summary>
[BindServiceMethod(typeof(PartnerApiProbe), nameof(BindService))]
public class PartnerApiProbe(BackendName backend)
{
    public const string Package = "billingone.partner.v1";

    /// <summary>The methods by service, with the service that owns them (a server stream is called unary here).</summary>
    public static readonly IReadOnlyList<(string Service, string Method, string Owner)> Methods =
    [
        ("PartnerClients", "ListClients", "projection"),
        ("PartnerClients", "GetClientSnapshot", "projection"),
        ("PartnerClients", "ListInvoices", "projection"),
        ("PartnerSubscriptions", "ListSubscriptions", "subscription"),
        ("PartnerEvents", "WatchEvents", "projection"),
    ];

    public static Method<Empty, ListValue> MethodOf(string service, string name) => new(
        MethodType.Unary,
        $"{Package}.{service}",
        name,
        Marshallers.Create(message => message.ToByteArray(), Empty.Parser.ParseFrom),
        Marshallers.Create(message => message.ToByteArray(), ListValue.Parser.ParseFrom));

    // Grpc.AspNetCore finds each handler by the method's name among the type's virtual methods.
    public virtual Task<ListValue> ListClients(Empty request, ServerCallContext context) => Describe(context);

    public virtual Task<ListValue> GetClientSnapshot(Empty request, ServerCallContext context) => Describe(context);

    public virtual Task<ListValue> ListInvoices(Empty request, ServerCallContext context) => Describe(context);

    public virtual Task<ListValue> ListSubscriptions(Empty request, ServerCallContext context) => Describe(context);

    // A server stream, answered unary here: the gateway routes by path and does not tell the two apart.
    public virtual Task<ListValue> WatchEvents(Empty request, ServerCallContext context) => Describe(context);

    private Task<ListValue> Describe(ServerCallContext context) =>
        Task.FromResult(new ListValue
        {
            Values =
            {
                Value.ForString(backend.Service),
                Value.ForString(context.Method),
                Value.ForString(context.RequestHeaders.GetValue("authorization") ?? ""),
            },
        });

    // Grpc.AspNetCore creates the service per call, as for protoc's base classes.
    public static void BindService(ServiceBinderBase binder, PartnerApiProbe? service)
    {
        binder.AddMethod(MethodOf("PartnerClients", "ListClients"), service is null ? null : service.ListClients);
        binder.AddMethod(MethodOf("PartnerClients", "GetClientSnapshot"), service is null ? null : service.GetClientSnapshot);
        binder.AddMethod(MethodOf("PartnerClients", "ListInvoices"), service is null ? null : service.ListInvoices);
        binder.AddMethod(MethodOf("PartnerSubscriptions", "ListSubscriptions"),
            service is null ? null : service.ListSubscriptions);
        binder.AddMethod(MethodOf("PartnerEvents", "WatchEvents"), service is null ? null : service.WatchEvents);
    }
}
