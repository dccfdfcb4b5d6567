using System.Net;
using System.Net.Http.Json;

namespace BillingOne.Sandbox.Tests;

[Trait("Category", "Integration")]
public sealed class Pax8SubscriptionUpdateTests : IAsyncLifetime
{
    private readonly SandboxApp app = new();

    private sealed record Subscription(Guid Id, int Quantity, string BillingTerm, string Status, DateTimeOffset UpdatedDate);

    private sealed record Problem(string? Title, Dictionary<string, string[]>? Errors);

    public Task InitializeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_update_sets_the_quantity_is_served_afterwards_and_outlives_the_next_change_step()
    {
        using var client = await app.CreatePax8ClientAsync();
        var target = app.Pax8Data.Subscriptions.First(subscription => subscription.Status == "Active");
        var quantity = target.Quantity + 3;

        using var response = await client.PutAsJsonAsync($"/v1/subscriptions/{target.Id}",
            new { quantity, billingTerm = target.BillingTerm, startDate = target.StartDate.ToString("yyyy-MM-dd") });
        var answered = await response.Content.ReadFromJsonAsync<Subscription>();
        app.World.Advance(1);
        var read = await client.GetFromJsonAsync<Subscription>($"/v1/subscriptions/{target.Id}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        answered!.Quantity.ShouldBe(quantity);
        read!.Quantity.ShouldBe(quantity);
        read.UpdatedDate.ShouldBeGreaterThanOrEqualTo(target.UpdatedDate);
    }

    [Theory]
    [InlineData("{}", "quantity")]
    [InlineData("{\"quantity\": 0}", "quantity")]
    [InlineData("{\"quantity\": 100001}", "quantity")]
    [InlineData("{\"quantity\": 2, \"billingTerm\": \"Trial-Forever\"}", "billingTerm")]
    public async Task An_invalid_update_is_a_400_naming_the_field_and_changes_nothing(string body, string field)
    {
        using var client = await app.CreatePax8ClientAsync();
        var target = app.Pax8Data.Subscriptions.First(subscription => subscription.Status == "Active");

        using var response = await client.PutAsync($"/v1/subscriptions/{target.Id}",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<Problem>())!.Errors!.Keys.ShouldContain(field);
        app.Pax8Data.Subscriptions.Single(subscription => subscription.Id == target.Id).Quantity.ShouldBe(target.Quantity);
    }

    [Fact]
    public async Task An_unknown_subscription_is_a_404_and_an_inactive_one_a_422()
    {
        using var client = await app.CreatePax8ClientAsync();
        // Change steps cancel subscriptions now and then.
        for (var step = 0; step < 50 && app.Pax8Data.Subscriptions.All(subscription => subscription.Status == "Active"); step++)
        {
            app.World.Advance(1);
        }
        var inactive = app.Pax8Data.Subscriptions.First(subscription => subscription.Status != "Active");

        using var unknown = await client.PutAsJsonAsync($"/v1/subscriptions/{Guid.NewGuid()}", new { quantity = 2 });
        using var refused = await client.PutAsJsonAsync($"/v1/subscriptions/{inactive.Id}", new { quantity = 2 });

        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task A_fault_set_for_one_subscription_fails_its_updates_with_503_until_removed()
    {
        using var client = await app.CreatePax8ClientAsync();
        var control = app.CreateClient();
        var active = app.Pax8Data.Subscriptions.Where(subscription => subscription.Status == "Active").Take(2).ToList();
        var faulty = active[0];

        using var set = await control.PutAsync($"/sandbox/faults/pax8-subscription-updates/{faulty.Id}", null);
        using var failed = await client.PutAsJsonAsync($"/v1/subscriptions/{faulty.Id}", new { quantity = 5 });
        using var other = await client.PutAsJsonAsync($"/v1/subscriptions/{active[1].Id}", new { quantity = 5 });
        using var read = await client.GetAsync($"/v1/subscriptions/{faulty.Id}");
        using var removed = await control.DeleteAsync($"/sandbox/faults/pax8-subscription-updates/{faulty.Id}");
        using var retried = await client.PutAsJsonAsync($"/v1/subscriptions/{faulty.Id}", new { quantity = 5 });

        set.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        failed.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        failed.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        other.StatusCode.ShouldBe(HttpStatusCode.OK);
        read.StatusCode.ShouldBe(HttpStatusCode.OK);
        removed.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        retried.StatusCode.ShouldBe(HttpStatusCode.OK);
        app.Pax8Data.Subscriptions.Single(subscription => subscription.Id == faulty.Id).Quantity.ShouldBe(5);
    }

    public async Task DisposeAsync() => await app.DisposeAsync();
}
