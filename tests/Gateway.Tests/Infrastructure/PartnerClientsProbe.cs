using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace BillingOne.Gateway.Tests.Infrastructure;

/// <summary>
/// Stands in for the projection service's <c>billingone.partner.v1.PartnerClients</c>: each of its methods answers
/// [method, authorization] as the call arrived, so a test can see that the gateway's partner route reached it and what
/// it forwarded. The gateway does not read messages, so Empty and ListValue stand in for the real ones.
/// </summary>
[BindServiceMethod(typeof(PartnerClientsProbe), nameof(BindService))]
public class PartnerClientsProbe
{
    public const string ServiceName = "billingone.partner.v1.PartnerClients";

    public static readonly IReadOnlyList<string> MethodNames = ["ListClients", "GetClientSnapshot", "ListInvoices"];

    public static Method<Empty, ListValue> MethodOf(string service, string name) => new(
        MethodType.Unary,
        service,
        name,
        Marshallers.Create(message => message.ToByteArray(), Empty.Parser.ParseFrom),
        Marshallers.Create(message => message.ToByteArray(), ListValue.Parser.ParseFrom));

    // Grpc.AspNetCore finds each handler by the method's name among the type's virtual methods.
    public virtual Task<ListValue> ListClients(Empty request, ServerCallContext context) => Describe(context);

    public virtual Task<ListValue> GetClientSnapshot(Empty request, ServerCallContext context) => Describe(context);

    public virtual Task<ListValue> ListInvoices(Empty request, ServerCallContext context) => Describe(context);

    private static Task<ListValue> Describe(ServerCallContext context) =>
        Task.FromResult(new ListValue
        {
            Values =
            {
                Value.ForString(context.Method),
                Value.ForString(context.RequestHeaders.GetValue("authorization") ?? ""),
            },
        });

    // Grpc.AspNetCore creates the service per call, as for protoc's base classes.
    public static void BindService(ServiceBinderBase binder, PartnerClientsProbe? service)
    {
        binder.AddMethod(MethodOf(ServiceName, "ListClients"), service is null ? null : service.ListClients);
        binder.AddMethod(MethodOf(ServiceName, "GetClientSnapshot"), service is null ? null : service.GetClientSnapshot);
        binder.AddMethod(MethodOf(ServiceName, "ListInvoices"), service is null ? null : service.ListInvoices);
    }
}
