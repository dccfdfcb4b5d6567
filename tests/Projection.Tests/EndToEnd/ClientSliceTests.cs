using System.Net;
using System.Net.Http.Json;
using BillingOne.Projection.Tests.Api;
using BillingOne.Testing;

namespace BillingOne.Projection.Tests.EndToEnd;

/// <summary>A client changed through the subscription service's API shows on the projection's Clients screen.</summary>
[Trait("Category", "Integration")]
public class ClientSliceTests(ClientSliceFixture fixture) : IClassFixture<ClientSliceFixture>
{
    private const string SubscriptionClients = "/api/subscription/clients";

    private readonly HttpClient subscription = fixture.Subscription;
    private readonly ClientReadModelClient projection = new(fixture.Projection);
    private readonly string tag = Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task Creating_renaming_and_disabling_a_client_reach_the_clients_screen()
    {
        var created = await (await subscription.PostAsJsonAsync(SubscriptionClients,
                new { name = $"{tag} Wide World Importers", timeZone = "America/Chicago" }))
            .ShouldBeJsonAsync<ClientResponse>(HttpStatusCode.Created);

        var listed = await Eventually.ReturnsAsync(() => projection.ListAsync($"search={tag}"),
            page => page.TotalCount == 1, "the new client to reach the projection");
        var row = listed.Items.ShouldHaveSingleItem();
        (row.ClientId, row.Name, row.Enabled, row.TimeZone).ShouldBe(
            (created.Id, $"{tag} Wide World Importers", true, "America/Chicago"));
        (row.Mrr, row.Subscriptions, row.Devices, row.Licenses, row.Status).ShouldBe(
            (new MoneyDto(0m, null), 0, 0, 0, "no-data"));

        (await subscription.PatchAsJsonAsync($"{SubscriptionClients}/{created.Id}",
            new { name = $"{tag} Wide World Importers Ltd" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        await Eventually.ReturnsAsync(() => projection.GetAsync(created.Id),
            snapshot => snapshot.Name == $"{tag} Wide World Importers Ltd", "the rename to reach the projection");

        (await subscription.PostAsync($"{SubscriptionClients}/{created.Id}/disable", null))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        var disabled = await Eventually.ReturnsAsync(() => projection.GetAsync(created.Id),
            snapshot => !snapshot.Enabled, "the disabling to reach the projection");
        disabled.Name.ShouldBe($"{tag} Wide World Importers Ltd");
    }

    private sealed record ClientResponse(Guid Id, string Name, bool Enabled, string TimeZone, long Version);
}
