using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BillingOne.Gateway.Tests.Infrastructure;

namespace BillingOne.Gateway.Tests;

[Collection(GatewayCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ApiDocsTests(GatewayFixture gateway)
{
    [Theory]
    [InlineData("identity")]
    [InlineData("subscription")]
    [InlineData("ingestion")]
    public async Task Service_openapi_document_is_served_through_the_gateway(string service)
    {
        using var client = gateway.CreateClient();

        var document = await client.GetFromJsonAsync<JsonElement>($"/openapi/{service}.json");

        document.GetProperty("openapi").GetString().ShouldStartWith("3.");
        document.GetProperty("paths").TryGetProperty($"/api/{service}/ping", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Document_servers_point_at_the_gateway_not_the_service()
    {
        using var client = gateway.CreateClient();

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/subscription.json");

        var servers = document.GetProperty("servers").EnumerateArray().Select(server => server.GetProperty("url").GetString()).ToList();
        servers.ShouldBe(["/"]);
    }

    [Fact]
    public async Task The_public_document_leaves_out_the_internal_endpoints_the_gateway_never_routes()
    {
        using var client = gateway.CreateClient();

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/identity.json");

        var paths = document.GetProperty("paths").EnumerateObject().Select(path => path.Name).ToList();
        paths.ShouldContain("/api/identity/ping");
        paths.ShouldNotContain(path => path.StartsWith("/internal/"));
    }

    [Fact]
    public async Task Unknown_document_is_a_404_problem()
    {
        using var client = gateway.CreateClient();

        using var response = await client.GetAsync("/openapi/payroll.json");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "Unknown API document");
    }

    [Fact]
    public async Task Scalar_reference_lists_every_service_document()
    {
        using var client = gateway.CreateClient();

        using var response = await client.GetAsync("/scalar/");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("text/html");
        var page = await response.Content.ReadAsStringAsync();
        foreach (var service in GatewayFixture.Services)
        {
            // Scalar lists document URLs relative to the site root.
            page.ShouldContain($"\"url\":\"openapi/{service}.json\"");
        }
    }
}
