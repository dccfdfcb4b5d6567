using System.Net;
using System.Net.Http.Json;
using BillingOne.BuildingBlocks.Integrations;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.Contracts.Events;
using BillingOne.Reconciliation.Apis;
using BillingOne.Testing;
using MassTransit;
using Microsoft.AspNetCore.Mvc;

namespace BillingOne.Reconciliation.Tests.Api;

/// <summary>The device snapshot sync against a NinjaOne stub, on a real database and bus.</summary>
[Trait("Category", "Integration")]
public sealed class RmmSyncTests(ReconciliationFixture fixture) : IClassFixture<ReconciliationFixture>
{
    private const string DevicesPath = "/api/reconciliation/devices?includeRemoved=true&pageSize=200";

    [Fact]
    public async Task A_second_sync_counts_exactly_what_changed_in_the_rmm()
    {
        using var stub = NinjaOneStub.WithAccount(organizations: 24, workstationsEach: 3);
        using var client = fixture.ClientFor(Guid.NewGuid());
        await client.SaveStubSettingsAsync(stub);

        var first = await client.SyncAsync();

        first.Status.ShouldBe(SyncRunStatus.Completed, first.Error);
        first.Breakdown["organizations"].ShouldBe(new SyncCounts(24, 0, 0));
        first.Breakdown["devices"].ShouldBe(new SyncCounts(96, 0, 0));

        stub.Organizations[25] = "Client 025";
        stub.Devices[5000] = new StubDevice(1, "MBP-NEW", "MAC");
        stub.Devices[5001] = new StubDevice(25, "SRV-025", "LINUX_SERVER");
        stub.Devices[1000] = stub.Devices[1000] with { Name = "WS-001-RENAMED" };
        stub.Devices.Remove(1001);
        stub.LastContactBase += 3600; // every device seen again: not a change

        var second = await client.SyncAsync();

        second.Status.ShouldBe(SyncRunStatus.Completed, second.Error);
        second.Breakdown["organizations"].ShouldBe(new SyncCounts(1, 0, 0));
        second.Breakdown["devices"].ShouldBe(new SyncCounts(2, 1, 1));
        (second.Added, second.Changed, second.Removed).ShouldBe((3, 1, 1));

        var devices = (await client.GetFromJsonAsync<PagedResult<DeviceResponse>>(DevicesPath))!.Items;
        devices.Count.ShouldBe(98);
        devices.Single(device => device.Id == "1001").RemovedAt.ShouldNotBeNull();
        devices.Single(device => device.Id == "1000").Name.ShouldBe("WS-001-RENAMED");
        var organizations = (await client.GetFromJsonAsync<PagedResult<RmmOrganizationResponse>>(
            "/api/reconciliation/rmm-organizations?pageSize=200"))!.Items;
        organizations.Single(organization => organization.Id == "1").ShouldSatisfyAllConditions(
            organization => organization.Workstations.ShouldBe(3),
            organization => organization.Servers.ShouldBe(1));
        organizations.Single(organization => organization.Id == "25").Servers.ShouldBe(1);
    }

    [Fact]
    public async Task A_malformed_devices_page_fails_the_run_and_keeps_the_previous_data()
    {
        using var stub = NinjaOneStub.WithAccount(organizations: 6, workstationsEach: 4);
        using var client = fixture.ClientFor(Guid.NewGuid());
        await client.SaveStubSettingsAsync(stub);
        (await client.SyncAsync()).Status.ShouldBe(SyncRunStatus.Completed);
        var before = await client.GetStringAsync(DevicesPath);

        stub.Devices.Remove(1000);
        stub.Organizations.Remove(6);
        stub.MalformedDevicesPage = 2;
        var failed = await client.SyncAsync();

        failed.Status.ShouldBe(SyncRunStatus.Failed);
        failed.Error.ShouldNotBeNull().ShouldContain("/v2/devices page 2 rejected: '$[0].id' does not parse");
        failed.Skipped.ShouldBe([new SkippedItem("devices page 2", "'$[0].id' does not parse as the documented type")]);
        (failed.Added, failed.Changed, failed.Removed).ShouldBe((0, 0, 0));
        (await client.GetStringAsync(DevicesPath)).ShouldBe(before);
        var snapshots = await client.GetFromJsonAsync<PagedResult<DeviceSnapshotResponse>>("/api/reconciliation/device-snapshots");
        snapshots!.TotalCount.ShouldBe(1);
    }

    [Fact]
    public async Task A_rate_limited_page_is_read_again_after_retry_after()
    {
        using var stub = NinjaOneStub.WithAccount(organizations: 3, workstationsEach: 1);
        stub.ThrottleOnce();
        using var client = fixture.ClientFor(Guid.NewGuid());
        await client.SaveStubSettingsAsync(stub);

        var run = await client.SyncAsync();

        run.Status.ShouldBe(SyncRunStatus.Completed, run.Error);
        run.Breakdown["organizations"].ShouldBe(new SyncCounts(3, 0, 0));
        stub.RequestsTo(NinjaOneStub.OrganizationsPath).ShouldBe(2, "the throttled page and its retry");
    }

    [Fact]
    public async Task A_second_sync_while_one_is_queued_or_running_is_refused_naming_it()
    {
        using var stub = NinjaOneStub.WithAccount(organizations: 2, workstationsEach: 1);
        stub.ThrottleOnce(); // holds the run for the Retry-After second
        using var client = fixture.ClientFor(Guid.NewGuid());
        await client.SaveStubSettingsAsync(stub);
        var first = await client.StartSyncAsync();

        using var second = await client.PostAsJsonAsync($"{IntegrationCalls.RmmPath}/sync", new { });

        second.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var problem = (await second.Content.ReadFromJsonAsync<ProblemDetails>())!;
        problem.Extensions["runId"]!.ToString().ShouldBe(first.Id.ToString());
        (await client.FinishedRunAsync(first.Id)).Status.ShouldBe(SyncRunStatus.Completed);
    }

    [Fact]
    public async Task A_device_awaiting_approval_is_listed_as_pending_and_counted_once_a_sync_finds_it_approved()
    {
        using var stub = new NinjaOneStub();
        stub.Organizations[1] = "Client 001";
        stub.Devices[100] = new StubDevice(1, "WS-APPROVED", "WINDOWS_WORKSTATION");
        stub.Devices[101] = new StubDevice(1, "WS-PENDING", "WINDOWS_WORKSTATION", Approved: false);
        var orgId = Guid.NewGuid();
        var clientId = Guid.NewGuid();
        using var client = fixture.ClientFor(orgId);
        await client.SaveStubSettingsAsync(stub);
        await MapToClientAsync(orgId, "1", clientId);

        var pending = await client.SyncAsync();

        pending.Breakdown["devices"].ShouldBe(new SyncCounts(2, 0, 0), "both devices are listed");
        (await ListPendingAsync(client)).ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            device => (device.Id, device.Name, device.State).ShouldBe(("101", "WS-PENDING", "pending")),
            device => device.RemovedAt.ShouldBeNull());
        (await CountedWorkstationsAsync(client, orgId, clientId)).ShouldBe((1, 1, 1, (int?)1));

        stub.Devices[101] = stub.Devices[101] with { Approved = true };
        var approved = await client.SyncAsync();

        approved.Breakdown["devices"].ShouldBe(new SyncCounts(0, 1, 0), "pending to online is a change");
        (await ListPendingAsync(client)).ShouldBeEmpty();
        (await CountedWorkstationsAsync(client, orgId, clientId)).ShouldBe((2, 2, 2, (int?)2));
        var detail = (await client.GetFromJsonAsync<ClientReconciliationDetailResponse>(
            $"/api/reconciliation/clients/{clientId}"))!;
        detail.Variance.ShouldBe(2, "no device licences");
        detail.History.Select(snapshot => snapshot.Devices).ShouldBe([2, 1]);
    }

    [Fact]
    public async Task A_completed_sync_publishes_the_snapshot_with_live_counts_per_organization()
    {
        using var stub = NinjaOneStub.WithAccount(organizations: 3, workstationsEach: 2);
        stub.Devices[1000] = stub.Devices[1000] with { Offline = true }; // offline is still a live device
        stub.Devices[9000] = new StubDevice(2, "SWITCH-2", "NMS_SWITCH");
        var orgId = Guid.NewGuid();
        using var client = fixture.ClientFor(orgId);
        await client.SaveStubSettingsAsync(stub);

        var run = await client.SyncAsync();

        var probe = new DatabaseProbe(fixture.DatabaseConnectionString);
        var (snapshot, _) = (await probe.SnapshotEventsAsync(orgId)).ShouldHaveSingleItem();
        (snapshot.SyncRunId, snapshot.RmmVendor).ShouldBe((run.Id, "ninjaone"));
        snapshot.Organizations.ShouldBe([
            new("1", "Client 001", 2, 1, 0),
            new("2", "Client 002", 2, 1, 1),
            new("3", "Client 003", 2, 1, 0),
        ]);
        await Eventually.UntilAsync(async () => (await probe.SnapshotEventsAsync(orgId)).Single().Sent,
            "the relay to publish the snapshot");
        var latest = (await client.GetFromJsonAsync<PagedResult<DeviceSnapshotResponse>>(
            "/api/reconciliation/device-snapshots"))!.Items.ShouldHaveSingleItem();
        (latest.Id, latest.Organizations, latest.Workstations, latest.Servers, latest.OtherDevices)
            .ShouldBe((snapshot.SnapshotId, 3, 6, 3, 1));
    }

    private static async Task<IReadOnlyList<DeviceResponse>> ListPendingAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<PagedResult<DeviceResponse>>("/api/reconciliation/devices?state=pending"))!.Items;

    /// <summary>
    /// The workstations counted by the latest snapshot's event, the RMM organization list, the snapshot list and the
    /// client's comparison (its only RMM organization holds workstations only).
    /// </summary>
    private async Task<(int Published, int Organization, int Snapshot, int? Client)> CountedWorkstationsAsync(
        HttpClient client, Guid orgId, Guid clientId)
    {
        var published = (await new DatabaseProbe(fixture.DatabaseConnectionString).SnapshotEventsAsync(orgId))[^1].Event;
        var organization = (await client.GetFromJsonAsync<PagedResult<RmmOrganizationResponse>>(
            "/api/reconciliation/rmm-organizations"))!.Items.ShouldHaveSingleItem();
        var snapshot = (await client.GetFromJsonAsync<PagedResult<DeviceSnapshotResponse>>(
            "/api/reconciliation/device-snapshots"))!.Items[0];
        var comparison = (await client.GetFromJsonAsync<ClientReconciliationDetailResponse>(
            $"/api/reconciliation/clients/{clientId}"))!;
        return (published.Organizations.ShouldHaveSingleItem().Workstations, organization.Workstations,
            snapshot.Workstations, comparison.Devices);
    }

    /// <summary>Maps the RMM organization to the client as the subscription service would, once the consumer took it.</summary>
    private async Task MapToClientAsync(Guid orgId, string organizationId, Guid clientId)
    {
        var messageId = NewId.NextGuid();
        await fixture.Bus.Publish(
            new ClientMappingChanged(orgId, "rmm", organizationId, clientId, "manual", DateTimeOffset.UtcNow),
            context => context.MessageId = messageId);
        var probe = new DatabaseProbe(fixture.DatabaseConnectionString);
        await Eventually.UntilAsync(() => probe.InboxHoldsAsync(messageId), $"the consumer to take message {messageId}");
    }
}
