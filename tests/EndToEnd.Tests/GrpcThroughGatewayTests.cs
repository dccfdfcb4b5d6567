using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Shouldly;


namespace BillingOne.EndToEnd.Tests;

/// <summary>gRPC from a partner reaches a service through the gateway over cleartext HTTP/2.</summary>
[Collection(RunningSystemCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class GrpcThroughGatewayTests(SystemFixture fixture)
{
    [SystemFact]
    public async Task The_ingestion_services_grpc_health_answers_serving_through_the_gateway()
    {
        using var channel = GrpcChannel.ForAddress(fixture.System.GatewayGrpc);
        var health = new Health.HealthClient(channel);

        // Every service has its own health service; the header tells the gateway which one is meant.
        var reply = await health.CheckAsync(new HealthCheckRequest(),
            new Metadata { { "x-billingone-service", "ingestion" } },
            deadline: DateTime.UtcNow.AddSeconds(30));

        reply.Status.ShouldBe(HealthCheckResponse.Types.ServingStatus.Serving);
    }
}
