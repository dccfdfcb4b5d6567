using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using BillingOne.BuildingBlocks.Security;
using BillingOne.Gateway.Tests.Infrastructure;

namespace BillingOne.Gateway.Tests;

[Collection(GatewayCollection.Name)]
[Trait("Category", "Integration")]
public sealed class GrpcTests(GatewayFixture gateway)
{
    [Fact]
    public async Task Grpc_health_reaches_the_service_over_http2_without_credentials()
    {
        using var channel = GrpcChannel.ForAddress(gateway.GrpcAddress);
        var health = new Health.HealthClient(channel);

        // The backend's gRPC endpoint speaks HTTP/2 only, so an answer proves the gateway forwarded over HTTP/2.
        var reply = await health.CheckAsync(new HealthCheckRequest(), ForService("ingestion"));

        reply.Status.ShouldBe(HealthCheckResponse.Types.ServingStatus.Serving);
    }

    [Fact]
    public async Task Grpc_call_to_a_service_that_is_down_fails_with_unavailable_naming_it()
    {
        using var channel = GrpcChannel.ForAddress(gateway.GrpcAddress);
        var health = new Health.HealthClient(channel);

        var failure = await Should.ThrowAsync<RpcException>(
            async () => await health.CheckAsync(new HealthCheckRequest(), ForService(GatewayFixture.DownService)));

        failure.StatusCode.ShouldBe(StatusCode.Unavailable);
        failure.Status.Detail.ShouldContain(GatewayFixture.DownService);
    }

    [Theory]
    [InlineData("authorization")]
    [InlineData("x-api-key")]
    public async Task Grpc_call_with_an_api_key_in_metadata_reaches_the_service_with_an_internal_token_only(string header)
    {
        var key = gateway.Directory.AddApiKey(Roles.Ingest);
        using var channel = GrpcChannel.ForAddress(gateway.GrpcAddress);
        var metadata = new Metadata { { header, header == "authorization" ? $"Bearer {key.Key}" : key.Key } };

        var seen = await channel.CreateCallInvoker().AsyncUnaryCall(
            AuthorizationProbe.Describe, null, new CallOptions(metadata), new Empty());

        var (authorization, apiKey) = (seen.Values[0].StringValue, seen.Values[1].StringValue);
        apiKey.ShouldBeEmpty();
        var claims = await gateway.ReadInternalTokenAsync(authorization);
        claims.ShouldBe(new InternalTokenClaims(key.OrgId, Roles.Ingest, ActorTypes.ApiKey, key.KeyId, key.Name));
    }

    [Fact]
    public async Task Grpc_call_without_credentials_is_unauthenticated()
    {
        using var channel = GrpcChannel.ForAddress(gateway.GrpcAddress);

        var failure = await Should.ThrowAsync<RpcException>(async () =>
            await channel.CreateCallInvoker().AsyncUnaryCall(AuthorizationProbe.Describe, null, new CallOptions(), new Empty()));

        failure.StatusCode.ShouldBe(StatusCode.Unauthenticated);
        failure.Status.Detail.ShouldContain("Authentication required");
    }

    private static Metadata ForService(string service) => new() { { "x-billingone-service", service } };
}
