using System.Net;
using System.Net.Http.Json;
using System.Text;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using BillingOne.Gateway.Tests.Infrastructure;

namespace BillingOne.Gateway.Tests;

[Collection(GatewayCollection.Name)]
[Trait("Category", "Integration")]
public sealed class HeaderValueTests(GatewayFixture gateway)
{
    [Theory]
    [InlineData("GET", "/api/subscription/clients", "User-Agent", "é")]
    [InlineData("POST", "/api/ingestion/readings", "Idempotency-Key", "clé-1")]
    [InlineData("POST", "/api/subscription/clients", "X-Note", "5 €")]
    // Anonymous: refused the same way before any credential is asked for.
    [InlineData("POST", "/api/ingestion/webhooks/pax8/Zk9yZXhhbXBsZQ", "Authorization", "é")]
    [InlineData("GET", "/clients/7", "Accept-Language", "français")]
    public async Task A_header_value_outside_ascii_is_a_400_problem_naming_the_header(
        string method, string path, string header, string value)
    {
        using var client = ClientSendingUtf8Headers(gateway.HttpAddress);
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.TryAddWithoutValidation(header, value).ShouldBeTrue();

        using var response = await client.SendAsync(request);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "Invalid request header");
        problem.GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain(header);
        problem.GetProperty("errors").GetProperty(header)[0].GetString().ShouldNotBeNull().ShouldContain("ASCII");
    }

    [Fact]
    public async Task A_header_value_outside_ascii_is_a_400_problem_over_http2_too()
    {
        using var client = ClientSendingUtf8Headers(gateway.GrpcAddress);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/invoice/invoices")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Headers.TryAddWithoutValidation("X-Note", "é").ShouldBeTrue();

        using var response = await client.SendAsync(request);

        response.Version.ShouldBe(HttpVersion.Version20);
        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "Invalid request header");
    }

    [Fact]
    public async Task A_credential_header_outside_ascii_is_named_rather_than_checked()
    {
        using var client = ClientSendingUtf8Headers(gateway.HttpAddress);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/invoice/invoices");
        request.Headers.TryAddWithoutValidation("X-Api-Key", "clé").ShouldBeTrue();

        using var response = await client.SendAsync(request);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "Invalid request header");
        problem.GetProperty("errors").TryGetProperty("X-Api-Key", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task A_grpc_call_with_a_metadata_value_outside_ascii_is_invalid_argument_naming_it()
    {
        using var channel = GrpcChannel.ForAddress(gateway.GrpcAddress, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { RequestHeaderEncodingSelector = (_, _) => Encoding.UTF8 },
        });
        var metadata = new Metadata
        {
            { "authorization", $"Bearer {gateway.DefaultApiKey.Key}" },
            { "x-partner-reference", "référence" },
        };

        var failure = await Should.ThrowAsync<RpcException>(async () => await channel.CreateCallInvoker()
            .AsyncUnaryCall(PartnerApiProbe.MethodOf("PartnerClients", "ListClients"), null, new CallOptions(metadata),
                new Empty()));

        failure.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        failure.Status.Detail.ShouldContain("x-partner-reference");
    }

    [Fact]
    public async Task Browser_headers_in_ascii_still_reach_the_web_ui()
    {
        using var client = gateway.CreateAnonymousClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/clients/7");
        request.Headers.Add("Accept-Language", "fr-CH, fr;q=0.9, en;q=0.8, *;q=0.5");
        request.Headers.Add("Cookie", ".AspNetCore.Antiforgery.x=CfDJ8N-_a%2Bb; billingone-session=eyJhbGciOi.e30.sig");
        request.Headers.Add("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)");

        using var response = await client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadFromJsonAsync<Echo>())!.Service.ShouldBe("web");
    }

    /// <summary>HttpClient refuses to send non-ASCII header values unless told how to encode them.</summary>
    private static HttpClient ClientSendingUtf8Headers(Uri address) =>
        new(new SocketsHttpHandler { RequestHeaderEncodingSelector = (_, _) => Encoding.UTF8 }) { BaseAddress = address };
}
