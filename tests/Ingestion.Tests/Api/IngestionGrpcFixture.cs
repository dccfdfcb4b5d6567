using BillingOne.Contracts.Ingestion.V1;
using BillingOne.Testing;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace BillingOne.Ingestion.Tests.Api;

/// <summary>
/// The ingestion service with an endpoint like its deployed <c>grpc</c> one: HTTP/2 only, which is how Kestrel
/// serves cleartext gRPC.
/// </summary>
public class IngestionGrpcFixture : IngestionApiFixture
{
    private GrpcChannel? channel;

    protected override HttpProtocols Protocols => HttpProtocols.Http2;

    public UsageIngestion.UsageIngestionClient Client() => new(Channel());

    /// <summary>The service's HTTP/2 address, for calls written byte by byte (<see cref="RawGrpc"/>).</summary>
    public Uri GrpcAddress => Address;

    /// <summary>For calls whose messages the generated client could not write (e.g. bytes that are no message).</summary>
    public CallInvoker Invoker() => Channel().CreateCallInvoker();

    private GrpcChannel Channel() => channel ??= GrpcChannel.ForAddress(Address);

    /// <summary>Call metadata carrying an internal token, as the gateway forwards it.</summary>
    public static Metadata CredentialsFor(Guid orgId, string role, Guid? actorId = null, Guid? clientScope = null) =>
        new() { { "authorization", TestTokens.For(orgId, role, clientScope, actorId: actorId).ToString() } };

    public override async Task DisposeAsync()
    {
        channel?.Dispose();
        await base.DisposeAsync();
    }
}
