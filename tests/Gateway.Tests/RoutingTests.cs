using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using BillingOne.Gateway.Tests.Infrastructure;

namespace BillingOne.Gateway.Tests;

[Collection(GatewayCollection.Name)]
[Trait("Category", "Integration")]
public sealed class RoutingTests(GatewayFixture gateway)
{
    [Theory]
    [InlineData("ingestion")]
    [InlineData("identity")]
    [InlineData("subscription")]
    [InlineData("invoice")]
    [InlineData("reconciliation")]
    [InlineData("projection")]
    public async Task Api_request_reaches_the_named_service_with_path_and_query_unchanged(string service)
    {
        using var client = gateway.CreateClient();

        var echo = await client.GetFromJsonAsync<Echo>($"/api/{service}/clients/42/subscriptions?page=2&size=50");

        echo.ShouldNotBeNull();
        echo.Service.ShouldBe(service);
        echo.Method.ShouldBe("GET");
        echo.Path.ShouldBe($"/api/{service}/clients/42/subscriptions");
        echo.Query.ShouldBe("?page=2&size=50");
    }

    [Fact]
    public async Task Request_body_and_method_are_forwarded()
    {
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/api/subscription/clients", new StringContent("{\"name\":\"Acme\"}", Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var echo = await response.Content.ReadFromJsonAsync<Echo>();
        echo!.Method.ShouldBe("POST");
        echo.BodyBytes.ShouldBe(15);
    }

    [Fact]
    public async Task The_idempotency_key_reaches_the_service_unchanged()
    {
        using var client = gateway.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/subscription/clients")
        {
            Content = new StringContent("{}", Encoding.UTF8, "application/json"),
        };
        // Any printable ASCII is the caller's to choose; the service, not the gateway, judges the key.
        const string key = "order-42/retry:1 {A b}";
        request.Headers.Add("Idempotency-Key", key);

        using var response = await client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadFromJsonAsync<Echo>())!.IdempotencyKey.ShouldBe(key);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/clients/7")]
    [InlineData("/_framework/blazor.web.js")]
    public async Task Paths_outside_the_api_go_to_the_web_ui(string path)
    {
        using var client = gateway.CreateClient();

        var echo = await client.GetFromJsonAsync<Echo>(path);

        echo!.Service.ShouldBe("web");
        echo.Path.ShouldBe(path);
    }

    [Fact]
    public async Task A_post_that_is_not_a_grpc_call_goes_to_the_web_ui_whatever_its_path()
    {
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/billingone.partner.v1.Nope/ListClients",
            new StringContent("{}", Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadFromJsonAsync<Echo>())!.Service.ShouldBe("web");
    }

    [Fact]
    public async Task WebSockets_reach_the_web_ui()
    {
        using var socket = new ClientWebSocket();
        var address = new UriBuilder(gateway.HttpAddress) { Scheme = "ws", Path = "/ws/echo" }.Uri;
        await socket.ConnectAsync(address, CancellationToken.None);

        await socket.SendAsync("render batch 1"u8.ToArray(), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        var buffer = new byte[1024];
        var received = await socket.ReceiveAsync(buffer, CancellationToken.None);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);

        Encoding.UTF8.GetString(buffer, 0, received.Count).ShouldBe("render batch 1");
    }

    [Theory]
    [InlineData("/api/payroll/employees")]
    [InlineData("/api/")]
    [InlineData("/api/subscriptions/clients")]
    public async Task Unknown_service_is_a_404_problem_not_a_web_page(string path)
    {
        using var client = gateway.CreateClient();

        using var response = await client.GetAsync(path);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "Unknown service");
        problem.GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain(path);
    }

    [Fact]
    public async Task Service_that_is_down_is_a_502_problem_naming_it()
    {
        using var client = gateway.CreateClient();

        using var response = await client.GetAsync($"/api/{GatewayFixture.DownService}/buckets");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadGateway, "Service unreachable");
        problem.GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain(GatewayFixture.DownService);
        problem.TryGetProperty("traceId", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task The_grpc_endpoint_speaks_cleartext_http2_and_the_http_endpoint_http1()
    {
        using var http2 = new HttpClient
        {
            BaseAddress = gateway.GrpcAddress,
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        using var http1 = new HttpClient
        {
            BaseAddress = gateway.HttpAddress,
            DefaultRequestVersion = HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        http2.DefaultRequestHeaders.Add("X-Api-Key", gateway.DefaultApiKey.Key);
        http1.DefaultRequestHeaders.Add("X-Api-Key", gateway.DefaultApiKey.Key);

        using var overHttp2 = await http2.GetAsync("/api/invoice/invoices");
        using var overHttp1 = await http1.GetAsync("/api/invoice/invoices");

        overHttp2.Version.ShouldBe(HttpVersion.Version20);
        (await overHttp2.Content.ReadFromJsonAsync<Echo>())!.Service.ShouldBe("invoice");
        overHttp1.Version.ShouldBe(HttpVersion.Version11);
        (await overHttp1.Content.ReadFromJsonAsync<Echo>())!.Service.ShouldBe("invoice");
    }
}
