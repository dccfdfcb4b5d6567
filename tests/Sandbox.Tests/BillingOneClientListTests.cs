using BillingOne.Sandbox.Domain;

namespace BillingOne.Sandbox.Tests;

[Trait("Category", "Unit")]
public sealed class BillingOneClientListTests
{
    private static readonly DemoDataSet Data =
        DemoDataGenerator.Generate(seed: 7, clientCount: 300, new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void About_one_client_in_twelve_is_left_out_and_the_rest_keep_their_canonical_names()
    {
        var list = BillingOneClientList.Select(7, Data.Clients);

        list.Count.ShouldBeInRange(260, 290);
        list.ShouldAllBe(client => Data.Clients[client.SandboxClientId - 1].Name == client.Name);
        list.Select(client => client.SandboxClientId).Distinct().Count().ShouldBe(list.Count);
    }

    [Fact]
    public void The_seed_decides_which_clients_are_left_out()
    {
        var first = BillingOneClientList.Select(7, Data.Clients).Select(client => client.SandboxClientId).ToList();
        var again = BillingOneClientList.Select(7, Data.Clients).Select(client => client.SandboxClientId).ToList();
        var other = BillingOneClientList.Select(8, Data.Clients).Select(client => client.SandboxClientId).ToList();

        again.ShouldBe(first);
        other.ShouldNotBe(first);
    }
}
