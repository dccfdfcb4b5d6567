using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace BillingOne.Gateway.Tests.Infrastructure;

/// <summary>
/// A gRPC service under the gateway's ingestion gRPC route (<c>/billingone.ingestion.{service}/{method}</c>) that
/// answers with the credential headers the call arrived with, so a test can see what the gateway forwarded. Written
/// out by hand (what protoc would generate) to keep a .proto out of the tests.
/// </summary>
[BindServiceMethod(typeof(AuthorizationProbe), nameof(BindService))]
public class AuthorizationProbe
{
    public const string ServiceName = "billingone.ingestion.v1.AuthorizationProbe";

    public static readonly Method<Empty, ListValue> Describe = new(
        MethodType.Unary,
        ServiceName,
        nameof(DescribeCredentials),
        Marshallers.Create(message => message.ToByteArray(), Empty.Parser.ParseFrom),
        Marshallers.Create(message => message.ToByteArray(), ListValue.Parser.ParseFrom));

    /// <summary>Answers [authorization, x-api-key] as the service received them ("" when absent).</summary>
    public virtual Task<ListValue> DescribeCredentials(Empty request, ServerCallContext context) =>
        Task.FromResult(new ListValue
        {
            Values =
            {
                Value.ForString(context.RequestHeaders.GetValue("authorization") ?? ""),
                Value.ForString(context.RequestHeaders.GetValue("x-api-key") ?? ""),
            },
        });

    // Grpc.AspNetCore finds the handler by name among the virtual methods this type declares, as protoc's base
    // classes have them, and creates the service per call.
    public static void BindService(ServiceBinderBase binder, AuthorizationProbe? service) =>
        binder.AddMethod(Describe, service is null ? null : service.DescribeCredentials);
}
