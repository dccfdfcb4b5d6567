using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using BillingOne.Gateway.Tests.Infrastructure;

namespace BillingOne.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public sealed class GrpcTests(GatewayFixture gateway)
{
    [Fact]
    public async Task Grpc_call_reaches_the_service_over_http2_through_the_gateway()
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

    private static Metadata ForService(string service) => new() { { "x-billingone-service", service } };
}
