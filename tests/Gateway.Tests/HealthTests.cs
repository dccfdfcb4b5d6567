using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BillingOne.Gateway.Tests.Infrastructure;

namespace BillingOne.Gateway.Tests;

[Collection(GatewayCollection.Name)]
[Trait("Category", "Integration")]
public sealed class HealthTests(GatewayFixture gateway)
{
    [Fact]
    public async Task Health_reports_healthy_without_a_database_or_bus()
    {
        using var client = gateway.CreateClient();

        var report = await client.GetFromJsonAsync<JsonElement>("/health");

        report.GetProperty("status").GetString().ShouldBe("Healthy");
    }

    [Fact]
    public async Task Alive_answers_and_is_not_sent_to_the_web_ui()
    {
        using var client = gateway.CreateClient();

        using var response = await client.GetAsync("/alive");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe("Healthy");
    }
}
