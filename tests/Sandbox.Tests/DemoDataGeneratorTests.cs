using BillingOne.Sandbox.Domain;

namespace BillingOne.Sandbox.Tests;

[Trait("Category", "Unit")]
public sealed class DemoDataGeneratorTests
{
    private static readonly DateTimeOffset Anchor = new(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DemoDataSet Data = DemoDataGenerator.Generate(seed: 7, clientCount: 300, Anchor);

    [Fact]
    public void Same_seed_size_and_anchor_give_identical_data()
    {
        var again = DemoDataGenerator.Generate(seed: 7, clientCount: 300, Anchor);

        again.Clients.SequenceEqual(Data.Clients).ShouldBeTrue();
        again.Sites.SequenceEqual(Data.Sites).ShouldBeTrue();
        again.Devices.SequenceEqual(Data.Devices).ShouldBeTrue();
    }

    [Fact]
    public void Another_seed_gives_another_world()
    {
        var other = DemoDataGenerator.Generate(seed: 8, clientCount: 300, Anchor);

        other.Clients.Select(client => client.Name).SequenceEqual(Data.Clients.Select(client => client.Name))
            .ShouldBeFalse();
        other.Devices.Count.ShouldNotBe(Data.Devices.Count);
    }

    [Fact]
    public void Clients_are_numbered_and_have_distinct_names_and_domains()
    {
        Data.Clients.Select(client => client.Id).ShouldBe(Enumerable.Range(1, 300));
        Data.Clients.Select(client => client.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count().ShouldBe(300);
        Data.Clients.Select(client => client.DomainName).Distinct(StringComparer.OrdinalIgnoreCase).Count().ShouldBe(300);
        Data.Clients.ShouldAllBe(client => client.Name.Contains(' ') && client.DomainName.Contains('.'));
    }

    [Fact]
    public void Every_client_has_a_time_zone_the_runtime_knows()
    {
        foreach (var client in Data.Clients)
        {
            TimeZoneInfo.FindSystemTimeZoneById(client.TimeZone).ShouldNotBeNull();
        }
        Data.Clients.Select(client => client.TimeZone).Distinct().Count().ShouldBeGreaterThan(5);
    }

    [Fact]
    public void Each_clients_device_counts_match_its_devices()
    {
        var devicesByClient = Data.Devices.ToLookup(device => device.ClientId);
        foreach (var client in Data.Clients)
        {
            var devices = devicesByClient[client.Id].ToList();
            devices.Count(device => !device.IsServer).ShouldBe(client.Workstations, client.Name);
            devices.Count(device => device.IsServer).ShouldBe(client.Servers, client.Name);
        }
        Data.Devices.Count.ShouldBeGreaterThan(3000, "a few hundred clients should own thousands of devices");
        Data.Clients.ShouldContain(client => client.Devices == 0, "some clients are cloud-only");
        Data.Clients.Max(client => client.Devices).ShouldBeGreaterThan(80, "a few clients are large");
    }

    [Fact]
    public void Device_ids_are_consecutive_and_follow_enrolment_time()
    {
        Data.Devices.Select(device => device.Id).ShouldBe(Enumerable.Range(1, Data.Devices.Count));
        Data.Devices.Zip(Data.Devices.Skip(1)).ShouldAllBe(pair => pair.First.CreatedAt <= pair.Second.CreatedAt);
        Data.Devices.ShouldAllBe(device =>
            device.CreatedAt <= device.LastContactAt && device.LastContactAt <= Anchor);
    }

    [Fact]
    public void Devices_sit_at_their_own_clients_sites()
    {
        var siteOwner = Data.Sites.ToDictionary(site => site.Id, site => site.ClientId);
        Data.Devices.ShouldAllBe(device => siteOwner[device.SiteId] == device.ClientId);
        Data.Clients.ShouldAllBe(client => Data.Sites.Any(site => site.ClientId == client.Id));
    }

    [Fact]
    public void Devices_awaiting_approval_enrolled_within_the_last_week()
    {
        var pending = Data.Devices.Where(device => !device.Approved).ToList();

        pending.ShouldNotBeEmpty();
        pending.ShouldAllBe(device => device.CreatedAt >= Anchor.AddDays(-7));
        Data.Devices.ShouldContain(device => !device.Online);
    }

    [Fact]
    public void The_default_seed_gives_the_scale_the_design_asks_for()
    {
        // appsettings.json's Sandbox:DemoData: seed 20250101, 300 clients; the design wants ~8,000 devices.
        var data = DemoDataGenerator.Generate(seed: 20250101, clientCount: 300, Anchor);

        data.Devices.Count.ShouldBeInRange(6000, 10_000);
        Pax8.Pax8DemoDataGenerator.Generate(20250101, data).Subscriptions.Count.ShouldBeInRange(1500, 2500);
    }
}
