using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Grpc.Reflection.V1Alpha;
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

    [Fact]
    public async Task Every_partner_method_reaches_the_service_owning_it_with_the_keys_role_and_client_scope()
    {
        var admin = gateway.Directory.AddApiKey(Roles.Admin);
        var scoped = gateway.Directory.AddApiKey(Roles.ReadOnly, clientId: Guid.NewGuid());
        using var channel = GrpcChannel.ForAddress(gateway.GrpcAddress);

        foreach (var (service, method, owner) in PartnerApiProbe.Methods)
        {
            foreach (var key in new[] { admin, scoped })
            {
                var seen = await channel.CreateCallInvoker().AsyncUnaryCall(PartnerApiProbe.MethodOf(service, method),
                    null, new CallOptions(new Metadata { { "authorization", $"Bearer {key.Key}" } }), new Empty());

                seen.Values[0].StringValue.ShouldBe(owner);
                seen.Values[1].StringValue.ShouldBe($"/{PartnerApiProbe.Package}.{service}/{method}");
                var claims = await gateway.ReadInternalTokenAsync(seen.Values[2].StringValue);
                (claims.OrgId, claims.Role, claims.ClientScope).ShouldBe((key.OrgId, key.Role, key.ClientId));
            }
        }
    }

    [Theory]
    [InlineData("ListBillingReadings")]
    [InlineData("StreamUsageReadings")]
    public async Task Partner_billing_methods_go_to_meterings_grpc_endpoint(string method)
    {
        var key = gateway.Directory.AddApiKey(Roles.ReadOnly);
        using var channel = GrpcChannel.ForAddress(gateway.GrpcAddress);

        // Metering is the fixture's service that is down: the gateway's answer names where it forwarded the call.
        var failure = await Should.ThrowAsync<RpcException>(async () =>
            await channel.CreateCallInvoker().AsyncUnaryCall(
                PartnerApiProbe.MethodOf("PartnerBilling", method), null,
                new CallOptions(new Metadata { { "authorization", $"Bearer {key.Key}" } }), new Empty()));

        failure.StatusCode.ShouldBe(StatusCode.Unavailable);
        failure.Status.Detail.ShouldContain(GatewayFixture.DownService);
    }

    [Theory]
    [InlineData("PartnerClients", "ListClients")]
    [InlineData("PartnerSubscriptions", "ListSubscriptions")]
    [InlineData("PartnerBilling", "StreamUsageReadings")]
    [InlineData("PartnerEvents", "WatchEvents")]
    public async Task A_partner_call_without_a_key_is_unauthenticated_at_the_gateway(string service, string method)
    {
        using var channel = GrpcChannel.ForAddress(gateway.GrpcAddress);

        var failure = await Should.ThrowAsync<RpcException>(async () => await channel.CreateCallInvoker()
            .AsyncUnaryCall(PartnerApiProbe.MethodOf(service, method), null, new CallOptions(), new Empty()));

        failure.StatusCode.ShouldBe(StatusCode.Unauthenticated);
    }

    [Theory]
    [InlineData("ingestion")]
    [InlineData("projection")]
    public async Task Grpc_reflection_reaches_the_named_service_without_credentials(string service)
    {
        using var channel = GrpcChannel.ForAddress(gateway.GrpcAddress);
        var reflection = new ServerReflection.ServerReflectionClient(channel);

        using var call = reflection.ServerReflectionInfo(ForService(service));
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        (await call.ResponseStream.MoveNext(CancellationToken.None)).ShouldBeTrue();

        call.ResponseStream.Current.ListServicesResponse.Service.Select(listed => listed.Name)
            .ShouldContain("grpc.health.v1.Health");
    }

    [Theory]
    [InlineData("billingone.partner.v1.Nope", "ListClients")]
    [InlineData("foo.Bar", "Baz")]
    [InlineData("billingone.partner.v1.PartnerClientz", "ListClients")]
    public async Task A_call_to_a_service_no_route_serves_is_unimplemented_naming_it(string service, string method)
    {
        using var channel = GrpcChannel.ForAddress(gateway.GrpcAddress);
        var call = PartnerApiProbe.MethodOf("PartnerClients", method);
        var unknown = new Method<Empty, ListValue>(call.Type, service, method, call.RequestMarshaller, call.ResponseMarshaller);

        var failure = await Should.ThrowAsync<RpcException>(async () => await channel.CreateCallInvoker()
            .AsyncUnaryCall(unknown, null, new CallOptions(), new Empty()));

        failure.StatusCode.ShouldBe(StatusCode.Unimplemented);
        failure.Status.Detail.ShouldContain($"/{service}/{method}");
    }

    [Fact]
    public async Task A_health_check_that_names_no_service_is_unimplemented()
    {
        using var channel = GrpcChannel.ForAddress(gateway.GrpcAddress);

        var failure = await Should.ThrowAsync<RpcException>(async () =>
            await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest()));

        failure.StatusCode.ShouldBe(StatusCode.Unimplemented);
        failure.Status.Detail.ShouldContain("x-billingone-service");
    }

    private static Metadata ForService(string service) => new() { { "x-billingone-service", service } };
}
