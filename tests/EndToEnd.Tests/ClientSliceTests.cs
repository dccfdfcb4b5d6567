using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BillingOne.Testing;
using Shouldly;

namespace BillingOne.EndToEnd.Tests;

/// <summary>The client slice through the gateway: subscription service → outbox → bus → projection read model.</summary>
[Collection(RunningSystemCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class ClientSliceTests(SystemFixture fixture)
{
    private readonly HttpClient gateway = fixture.System.CreateGatewayClient();

    [SystemFact]
    public async Task A_client_created_and_renamed_through_the_gateway_reaches_the_clients_read_model()
    {
        var name = $"Contoso {Guid.NewGuid():N}"[..20];
        using var created = await gateway.PostAsJsonAsync("/api/subscription/clients", new { name });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var client = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = client.GetProperty("id").GetGuid();

        using var renamed = await gateway.PatchAsJsonAsync($"/api/subscription/clients/{id}", new { name = name + " Ltd" });
        renamed.StatusCode.ShouldBe(HttpStatusCode.OK);

        await Eventually.AssertAsync(async () =>
        {
            var page = await gateway.GetFromJsonAsync<JsonElement>(
                $"/api/projection/clients?search={Uri.EscapeDataString(name)}");
            var row = page.GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
            row.GetProperty("name").GetString().ShouldBe(name + " Ltd");
            row.GetProperty("status").GetString().ShouldBe("no-data");
        });
    }

    [SystemFact]
    public async Task A_missing_name_is_a_validation_problem()
    {
        using var response = await gateway.PostAsJsonAsync("/api/subscription/clients", new { });

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [SystemFact]
    public async Task Malformed_json_is_a_bad_request_problem()
    {
        using var content = new StringContent("{\"name\": ", Encoding.UTF8, "application/json");
        using var response = await gateway.PostAsync("/api/subscription/clients", content);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [SystemTheory]
    // Above the services' 1 MiB but below the gateway's old 10 MiB: the service cut it off and the caller saw a 502.
    [InlineData(2)]
    [InlineData(10)]
    public async Task A_body_over_a_megabyte_is_refused_as_too_large(int megabytes)
    {
        var body = "{\"name\": \"" + new string('x', megabytes * 1024 * 1024) + "\"}";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/subscription/clients")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        // As curl does for large uploads: the gateway can refuse before the body is sent.
        request.Headers.ExpectContinue = true;
        using var response = await gateway.SendAsync(request);

        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [SystemFact]
    public async Task An_unknown_client_id_is_not_found()
    {
        using var response = await gateway.GetAsync($"/api/subscription/clients/{Guid.NewGuid()}");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}
