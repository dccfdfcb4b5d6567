using System.Net;
using System.Text.Json;
using BillingOne.Subscription.Connectors.Pax8;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace BillingOne.Subscription.Tests.Connectors;

[Trait("Category", "Integration")]
public sealed class Pax8ClientUpdateTests : IDisposable
{
    private readonly Pax8Stub stub = new();

    public Pax8ClientUpdateTests() => stub.GivenToken();

    [Fact]
    public async Task A_quantity_update_restates_term_and_start_date_and_answers_the_updated_subscription()
    {
        var updated = Pax8Stub.Subscription(7);
        updated["quantity"] = 12;
        GivenUpdateAnswers(7, 200, updated);
        using var client = stub.CreateClient();
        var current = (await ReadAsync(client, 7));

        var answer = await client.UpdateQuantityAsync(current, 12);

        answer.ShouldNotBeNull().Quantity.ShouldBe(12);
        var sent = stub.Server.LogEntries.Single(entry => entry.RequestMessage.Method == "PUT");
        sent.RequestMessage.Path.ShouldBe($"/v1/subscriptions/{Pax8Stub.IdOf(7)}");
        using var body = JsonDocument.Parse(sent.RequestMessage.Body!);
        body.RootElement.GetProperty("quantity").GetInt32().ShouldBe(12);
        body.RootElement.GetProperty("billingTerm").GetString().ShouldBe("Annual");
        body.RootElement.GetProperty("startDate").GetString().ShouldBe("2025-01-12T00:00:00.000Z", "a date-time, as Pax8's reference types it");
    }

    [Fact]
    public async Task A_refused_update_throws_with_the_status_and_pax8s_explanation()
    {
        GivenUpdateAnswers(7, 422, new { title = "Subscription not active" });
        using var client = stub.CreateClient();

        var failure = await Should.ThrowAsync<HttpRequestException>(async () =>
            await client.UpdateQuantityAsync(await ReadAsync(client, 7), 3));

        failure.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        failure.Message.ShouldContain("Subscription not active");
    }

    [Fact]
    public async Task A_5xx_is_retried_and_still_failing_throws_with_the_status()
    {
        GivenUpdateAnswers(7, 503, new { title = "Service unavailable" });
        using var client = stub.CreateClient();

        var failure = await Should.ThrowAsync<HttpRequestException>(async () =>
            await client.UpdateQuantityAsync(await ReadAsync(client, 7), 3));

        failure.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        stub.Server.LogEntries.Count(entry => entry.RequestMessage.Method == "PUT").ShouldBeGreaterThan(1);
    }

    private async Task<Pax8Subscription> ReadAsync(Pax8Client client, int number)
    {
        stub.Server.Given(Request.Create().WithPath($"/v1/subscriptions/{Pax8Stub.IdOf(number)}").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(Pax8Stub.Subscription(number)));
        return (await client.ReadSubscriptionAsync(Pax8Stub.IdOf(number)))!;
    }

    private void GivenUpdateAnswers(int number, int status, object body) =>
        stub.Server.Given(Request.Create().WithPath($"/v1/subscriptions/{Pax8Stub.IdOf(number)}").UsingPut())
            .RespondWith(Response.Create().WithStatusCode(status).WithBodyAsJson(body));

    public void Dispose() => stub.Dispose();
}
