using BillingOne.Sandbox.Changes;
using BillingOne.Sandbox.Domain;
using BillingOne.Sandbox.Pax8;

namespace BillingOne.Sandbox.Tests;

[Trait("Category", "Unit")]
public sealed class WorldChangeStepTests
{
    private const int Seed = 7;
    private static readonly DateTimeOffset Anchor = new(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan StepDuration = TimeSpan.FromHours(1);
    private static readonly WorldSnapshot Initial = Generate();

    [Fact]
    public void The_same_steps_from_the_same_seed_give_the_same_world_and_report()
    {
        var (first, firstReports) = Run(Generate(), steps: 5);
        var (second, secondReports) = Run(Generate(), steps: 5);

        second.Step.ShouldBe(5);
        second.Rmm.Devices.SequenceEqual(first.Rmm.Devices).ShouldBeTrue();
        second.Rmm.Clients.SequenceEqual(first.Rmm.Clients).ShouldBeTrue();
        second.Pax8.Subscriptions.SequenceEqual(first.Pax8.Subscriptions).ShouldBeTrue();
        secondReports.Select(Describe).ShouldBe(firstReports.Select(Describe));
    }

    [Fact]
    public void Each_step_changes_something_else()
    {
        var (_, reports) = Run(Initial, steps: 3);

        reports.Select(report => report.Step).ShouldBe([1, 2, 3]);
        reports.Select(report => report.Rmm.DevicesRetired[0]).Distinct().Count().ShouldBe(3);
        reports.Select(report => report.Pax8.SubscriptionsCancelled[0]).Distinct().Count().ShouldBe(3);
    }

    [Fact]
    public void A_step_changes_a_handful_of_each_kind_within_the_documented_ranges()
    {
        var (_, reports) = Run(Initial, steps: 20);

        foreach (var report in reports)
        {
            report.Pax8.SubscriptionsAdded.Count.ShouldBeInRange(3, 8);
            report.Pax8.SubscriptionsCancelled.Count.ShouldBeInRange(2, 5);
            report.Pax8.QuantityChanged.Count.ShouldBeInRange(3, 8);
            report.Rmm.DevicesAdded.Count.ShouldBeInRange(5, 20);
            report.Rmm.DevicesRetired.Count.ShouldBeInRange(3, 10);
        }
    }

    [Fact]
    public void Subscriptions_are_added_cancelled_and_resized_as_reported_and_dated_at_the_step()
    {
        var (world, report) = WorldChangeStep.Apply(Seed, Initial, StepDuration);
        var at = Anchor + StepDuration;
        var before = Initial.Pax8.Subscriptions.ToDictionary(subscription => subscription.Id);
        var after = world.Pax8.Subscriptions.ToDictionary(subscription => subscription.Id);
        var companies = Initial.Pax8.Companies.Select(company => company.Id).ToHashSet();

        after.Count.ShouldBe(before.Count + report.Pax8.SubscriptionsAdded.Count);
        world.Pax8.Subscriptions.TakeLast(report.Pax8.SubscriptionsAdded.Count).Select(subscription => subscription.Id)
            .ShouldBe(report.Pax8.SubscriptionsAdded, "new subscriptions come last, in creation order");
        report.Pax8.SubscriptionsAdded.ShouldAllBe(id => !before.ContainsKey(id) && after[id].Status == "Active"
            && after[id].StartDate == at && after[id].UpdatedDate == at && after[id].EndDate == null
            && companies.Contains(after[id].CompanyId) && after[id].Quantity > 0);
        report.Pax8.SubscriptionsCancelled.ShouldAllBe(id => before[id].Status != "Cancelled"
            && after[id].Status == "Cancelled" && after[id].EndDate == at && after[id].UpdatedDate == at);
        report.Pax8.QuantityChanged.ShouldAllBe(change => before[change.Id].Quantity == change.From
            && after[change.Id].Quantity == change.To && change.To != change.From && change.To > 0
            && after[change.Id].UpdatedDate == at);
        var changed = report.Pax8.SubscriptionsAdded.Concat(report.Pax8.SubscriptionsCancelled)
            .Concat(report.Pax8.QuantityChanged.Select(change => change.Id)).ToHashSet();
        before.Values.Where(subscription => !changed.Contains(subscription.Id))
            .ShouldAllBe(subscription => after[subscription.Id] == subscription, "nothing else changes");
    }

    [Fact]
    public void Devices_enrol_with_the_next_ids_and_retired_ones_stay_with_their_retirement_date()
    {
        var (world, report) = WorldChangeStep.Apply(Seed, Initial, StepDuration);
        var at = Anchor + StepDuration;
        var devices = world.Rmm.Devices;

        devices.Select(device => device.Id).ShouldBe(Enumerable.Range(1, devices.Count));
        report.Rmm.DevicesAdded.ShouldBe(Enumerable.Range(Initial.Rmm.Devices.Count + 1, report.Rmm.DevicesAdded.Count));
        report.Rmm.DevicesAdded.Select(id => devices[id - 1]).ShouldAllBe(device =>
            device.CreatedAt == at && device.LastContactAt == at && !device.IsRetired);
        report.Rmm.DevicesRetired.Select(id => devices[id - 1]).ShouldAllBe(device =>
            device.RetiredAt == at && !device.Online && Initial.Rmm.Devices[device.Id - 1].RetiredAt == null);
        devices.Count(device => device.IsRetired).ShouldBe(report.Rmm.DevicesRetired.Count);
        devices.Select(device => (device.ClientId, device.SystemName)).Distinct().Count()
            .ShouldBe(devices.Count, "no name is reused within a client");
    }

    [Fact]
    public void Clients_count_only_their_live_devices_after_any_number_of_steps()
    {
        var (world, _) = Run(Initial, steps: 10);
        var live = world.Rmm.Devices.Where(device => !device.IsRetired).ToLookup(device => device.ClientId);
        var siteOwner = world.Rmm.Sites.ToDictionary(site => site.Id, site => site.ClientId);

        foreach (var client in world.Rmm.Clients)
        {
            client.Workstations.ShouldBe(live[client.Id].Count(device => !device.IsServer), client.Name);
            client.Servers.ShouldBe(live[client.Id].Count(device => device.IsServer), client.Name);
        }
        world.Rmm.Devices.ShouldAllBe(device => siteOwner[device.SiteId] == device.ClientId);
    }

    [Fact]
    public void Merging_steps_joins_their_lists_and_reports_a_quantity_from_first_to_last()
    {
        var id = Guid.NewGuid();
        var other = Guid.NewGuid();
        WorldChangeReport[] reports =
        [
            new(1, new Pax8Changes([Guid.Empty], [], [new(id, 5, 7), new(other, 3, 4)]), new RmmChanges([10], [2])),
            new(2, new Pax8Changes([], [other], [new(id, 7, 9), new(other, 4, 3)]), new RmmChanges([11, 12], [10])),
        ];

        var merged = WorldChangeReport.Merge(reports);

        merged.Step.ShouldBe(2);
        merged.Pax8.SubscriptionsAdded.ShouldBe([Guid.Empty]);
        merged.Pax8.SubscriptionsCancelled.ShouldBe([other]);
        merged.Pax8.QuantityChanged.ShouldBe([new QuantityChange(id, 5, 9)], "a quantity back where it began is no change");
        merged.Rmm.DevicesAdded.ShouldBe([10, 11, 12]);
        merged.Rmm.DevicesRetired.ShouldBe([2, 10]);
    }

    [Fact]
    public void The_world_holder_applies_several_steps_as_one_swap_equal_to_single_steps()
    {
        var stepped = new SandboxWorld(Seed, Generate(), StepDuration);
        var jumped = new SandboxWorld(Seed, Generate(), StepDuration);
        stepped.Advance(1);
        stepped.Advance(1);
        stepped.Advance(1);

        var report = jumped.Advance(3);

        report.Step.ShouldBe(3);
        jumped.Current.Rmm.Devices.SequenceEqual(stepped.Current.Rmm.Devices).ShouldBeTrue();
        jumped.Current.Pax8.Subscriptions.SequenceEqual(stepped.Current.Pax8.Subscriptions).ShouldBeTrue();
        jumped.TimeOf(jumped.Current).ShouldBe(Anchor + 3 * StepDuration);
    }

    [Fact]
    public async Task Readers_while_steps_are_applied_see_whole_steps_only()
    {
        var world = new SandboxWorld(Seed, Generate(), StepDuration);
        var (_, reports) = Run(Initial, steps: 30);
        // What each step must look like, from the step-by-step run.
        var expected = new Dictionary<int, (int Subscriptions, int Devices)>
        {
            [0] = (Initial.Pax8.Subscriptions.Count, Initial.Rmm.Devices.Count),
        };
        foreach (var report in reports)
        {
            var (subscriptions, devices) = expected[report.Step - 1];
            expected[report.Step] = (subscriptions + report.Pax8.SubscriptionsAdded.Count, devices + report.Rmm.DevicesAdded.Count);
        }
        // A set: the reader spins, and only distinct reads matter.
        var seen = new HashSet<(int Step, int Subscriptions, int Devices)>();

        var writer = Task.Run(() =>
        {
            for (var step = 0; step < 30; step++)
            {
                world.Advance(1);
            }
        });
        while (!writer.IsCompleted)
        {
            var snapshot = world.Current;
            seen.Add((snapshot.Step, snapshot.Pax8.Subscriptions.Count, snapshot.Rmm.Devices.Count));
        }
        await writer;

        foreach (var (step, subscriptions, devices) in seen)
        {
            (subscriptions, devices).ShouldBe(expected[step], $"a reader at step {step}");
        }
        world.Current.Step.ShouldBe(30);
    }

    private static WorldSnapshot Generate()
    {
        var rmm = DemoDataGenerator.Generate(Seed, clientCount: 300, Anchor);
        return new WorldSnapshot(0, rmm, Pax8DemoDataGenerator.Generate(Seed, rmm));
    }

    private static (WorldSnapshot World, List<WorldChangeReport> Reports) Run(WorldSnapshot world, int steps)
    {
        var reports = new List<WorldChangeReport>();
        for (var step = 0; step < steps; step++)
        {
            (world, var report) = WorldChangeStep.Apply(Seed, world, StepDuration);
            reports.Add(report);
        }
        return (world, reports);
    }

    private static string Describe(WorldChangeReport report) =>
        $"{report.Step}|{string.Join(',', report.Pax8.SubscriptionsAdded)}|{string.Join(',', report.Pax8.SubscriptionsCancelled)}|" +
        $"{string.Join(',', report.Pax8.QuantityChanged)}|{string.Join(',', report.Rmm.DevicesAdded)}|" +
        $"{string.Join(',', report.Rmm.DevicesRetired)}";
}
