using System.Net;
using System.Net.Http.Headers;
using BillingOne.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace BillingOne.Gateway.Tests;

/// <summary>Requests are traced, not logged: at the default level a request adds no log line unless it went wrong.</summary>
[Collection(GatewayCollection.Name)]
[Trait("Category", "Integration")]
public sealed class LoggingTests(GatewayFixture gateway)
{
    [Fact]
    public async Task A_request_with_an_api_key_the_gateway_looks_up_logs_nothing_at_information()
    {
        using (var warmUp = gateway.CreateClient())
        {
            // Service discovery and the first connection to the backend log once per process, not per request.
            (await warmUp.GetAsync("/api/invoice/invoices")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        var key = gateway.Directory.AddApiKey();
        using var client = gateway.CreateAnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key.Key);
        var before = gateway.Logs.Count;

        using var response = await client.GetAsync("/api/invoice/invoices");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        // The key was new to the gateway: it asked the identity service, over HttpClient, as every first use does.
        gateway.Directory.VerificationsOf(key.Key).ShouldBe(1);
        var perRequest = gateway.Logs.After(before).Where(log => log.Level == LogLevel.Information).ToList();
        perRequest.ShouldBeEmpty(string.Join(Environment.NewLine,
            perRequest.Select(log => $"{log.Level} {log.Category}: {log.Message}")));
    }
}
