using BillingOne.BuildingBlocks.Integrations;
using BillingOne.Reconciliation.Connectors.Rmm;
using BillingOne.Reconciliation.Data;
using Microsoft.Extensions.DependencyInjection;

namespace BillingOne.Reconciliation.Tests.Api;

/// <summary>
/// How applying complete reads counts changes: a retired device is removed, one that comes back is added, a move
/// to another organization or kind is a change; counts per organization leave retired devices and devices awaiting
/// approval out.
/// </summary>
[Trait("Category", "Integration")]
public sealed class DeviceSnapshotStoreTests(ReconciliationFixture fixture) : IClassFixture<ReconciliationFixture>
{
    private static readonly RmmOrganization[] Sites =
    [
        new(RmmVendor.DattoRmm, "site-a", "Acme"),
        new(RmmVendor.DattoRmm, "site-b", "Globex"),
    ];

    private readonly Guid orgId = Guid.NewGuid();

    private DeviceSnapshotStore Store => fixture.Services.GetRequiredService<DeviceSnapshotStore>();

    [Fact]
    public async Task Retired_devices_are_removed_and_counted_again_when_they_return()
    {
        await ApplyAsync(Device("d1", "site-a"), Device("d2", "site-a"), Device("d3", "site-b"));

        var retired = await ApplyAsync(Device("d1", "site-a", state: RmmDeviceState.Retired), Device("d2", "site-a"),
            Device("d3", "site-b"), Device("d4", "site-b", state: RmmDeviceState.Retired));
        var returned = await ApplyAsync(Device("d1", "site-a"), Device("d2", "site-a"), Device("d3", "site-b"));

        retired.Devices.ShouldBe(new SyncCounts(0, 0, 1), "d4 was never live: neither added nor removed");
        retired.Snapshot.Organizations.Select(site => (site.VendorId, site.Workstations)).ShouldBe([("site-a", 1), ("site-b", 1)]);
        returned.Devices.ShouldBe(new SyncCounts(1, 0, 0));
    }

    [Fact]
    public async Task A_device_moved_to_another_organization_or_kind_is_changed()
    {
        await ApplyAsync(Device("d1", "site-a"), Device("d2", "site-a"), Device("d3", "site-a"));

        var moved = await ApplyAsync(Device("d1", "site-b"), Device("d2", "site-a", RmmDeviceKind.Server),
            Device("d3", "site-a", state: RmmDeviceState.Offline));

        moved.Devices.ShouldBe(new SyncCounts(0, 3, 0));
        moved.Organizations.ShouldBe(new SyncCounts(0, 0, 0));
        moved.Snapshot.Organizations.Select(site => (site.VendorId, site.Workstations, site.Servers))
            .ShouldBe([("site-a", 1, 1), ("site-b", 1, 0)]);
    }

    [Fact]
    public async Task A_device_awaiting_approval_is_stored_but_counted_only_from_the_snapshot_that_finds_it_approved()
    {
        var pending = await ApplyAsync(Device("d1", "site-a"), Device("d2", "site-a", state: RmmDeviceState.Pending));
        var approved = await ApplyAsync(Device("d1", "site-a"), Device("d2", "site-a"));

        pending.Devices.ShouldBe(new SyncCounts(2, 0, 0), "the device list shows the pending device");
        pending.Snapshot.Organizations.Select(site => (site.VendorId, site.Workstations)).ShouldBe([("site-a", 1), ("site-b", 0)]);
        approved.Devices.ShouldBe(new SyncCounts(0, 1, 0));
        approved.Snapshot.Organizations.Select(site => (site.VendorId, site.Workstations)).ShouldBe([("site-a", 2), ("site-b", 0)]);
    }

    private Task<AppliedSnapshot> ApplyAsync(params RmmDevice[] devices) =>
        Store.ApplyAsync(orgId, Guid.NewGuid(), RmmVendor.DattoRmm, Sites, devices, CancellationToken.None);

    private static RmmDevice Device(string id, string site, RmmDeviceKind kind = RmmDeviceKind.Workstation,
        RmmDeviceState state = RmmDeviceState.Online) =>
        new(RmmVendor.DattoRmm, id, site, $"PC-{id}", kind, null, state);
}
