using BillingOne.Subscription.Connectors.Pax8;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace BillingOne.Subscription.Tests.Connectors;

[Trait("Category", "Integration")]
public sealed class Pax8ClientSingleSubscriptionTests : IDisposable
{
    private readonly Pax8Stub stub = new();

    public Pax8ClientSingleSubscriptionTests() => stub.GivenToken();

    [Fact]
    public async Task A_subscription_is_read_by_id_and_validated_like_a_listed_one()
    {
        GivenSubscription(7, Pax8Stub.Subscription(7));
        using var client = stub.CreateClient();

        var subscription = await client.ReadSubscriptionAsync(Pax8Stub.IdOf(7));

        subscription.ShouldNotBeNull().Id.ShouldBe(Pax8Stub.IdOf(7));
        subscription.Quantity.ShouldBe(8);
        subscription.UnitPrice.Amount.ShouldBe(18.70m);
    }

    [Fact]
    public async Task A_subscription_pax8_no_longer_has_is_null()
    {
        using var client = stub.CreateClient();

        (await client.ReadSubscriptionAsync(Pax8Stub.IdOf(7))).ShouldBeNull();
    }

    [Theory]
    [InlineData("quantity", -1, "content[0].quantity")]
    [InlineData("id", "00000000-0000-4000-8000-000000000008", "id")]
    public async Task A_bad_or_different_subscription_is_refused_naming_the_field(string field, object value, string expected)
    {
        var bad = Pax8Stub.Subscription(7);
        bad[field] = value;
        GivenSubscription(7, bad);
        using var client = stub.CreateClient();

        var failure = await Should.ThrowAsync<Pax8PayloadException>(() => client.ReadSubscriptionAsync(Pax8Stub.IdOf(7)));

        failure.Resource.ShouldBe($"subscriptions/{Pax8Stub.IdOf(7)}");
        failure.Field.ShouldBe(expected);
    }

    private void GivenSubscription(int number, object body) =>
        stub.Server.Given(Request.Create().WithPath($"/v1/subscriptions/{Pax8Stub.IdOf(number)}").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(body));

    public void Dispose() => stub.Dispose();
}
