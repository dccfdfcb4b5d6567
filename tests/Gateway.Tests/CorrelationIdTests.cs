using System.Net;
using System.Net.Http.Json;
using BillingOne.Gateway.Tests.Infrastructure;

namespace BillingOne.Gateway.Tests;

[Collection(GatewayCollection.Name)]
[Trait("Category", "Integration")]
public sealed class CorrelationIdTests(GatewayFixture gateway)
{
    private const string Header = Backends.CorrelationHeader;

    [Fact]
    public async Task Callers_correlation_id_is_forwarded_to_the_service_and_returned_once()
    {
        using var client = gateway.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/subscription/clients");
        request.Headers.Add(Header, "order-sync.2024-07_42");

        using var response = await client.SendAsync(request);

        var echo = await response.Content.ReadFromJsonAsync<Echo>();
        echo!.CorrelationId.ShouldBe("order-sync.2024-07_42");
        response.Headers.GetValues(Header).ShouldBe(["order-sync.2024-07_42"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("two words")]
    [InlineData("<script>")]
    [InlineData("a,b")]
    public async Task Missing_or_unacceptable_correlation_id_is_replaced_by_a_new_one(string? incoming)
    {
        using var client = gateway.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/invoice/invoices");
        if (incoming is not null)
        {
            request.Headers.TryAddWithoutValidation(Header, incoming);
        }

        using var response = await client.SendAsync(request);

        var returned = response.Headers.GetValues(Header).ShouldHaveSingleItem();
        returned.ShouldNotBe(incoming);
        returned.ShouldMatch("^[0-9a-f]{32}$");
        (await response.Content.ReadFromJsonAsync<Echo>())!.CorrelationId.ShouldBe(returned);
    }

    [Fact]
    public async Task Overlong_correlation_id_is_replaced()
    {
        using var client = gateway.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/invoice/invoices");
        request.Headers.Add(Header, new string('x', 129));

        using var response = await client.SendAsync(request);

        response.Headers.GetValues(Header).ShouldHaveSingleItem().Length.ShouldBe(32);
    }

    [Fact]
    public async Task Each_request_without_an_id_gets_its_own()
    {
        using var client = gateway.CreateClient();

        using var first = await client.GetAsync("/api/projection/dashboard");
        using var second = await client.GetAsync("/api/projection/dashboard");

        first.Headers.GetValues(Header).Single().ShouldNotBe(second.Headers.GetValues(Header).Single());
    }

    [Theory]
    [InlineData("/api/nosuch/things", HttpStatusCode.NotFound)]
    [InlineData("/api/metering/buckets", HttpStatusCode.BadGateway)]
    public async Task Gateway_errors_carry_the_correlation_id(string path, HttpStatusCode status)
    {
        using var client = gateway.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(Header, "support-ticket-881");

        using var response = await client.SendAsync(request);

        response.StatusCode.ShouldBe(status);
        response.Headers.GetValues(Header).ShouldBe(["support-ticket-881"]);
    }
}
