using System.Net;
using System.Net.Http.Json;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.Contracts.Events;
using BillingOne.Reconciliation.Apis;
using BillingOne.Testing;
using MassTransit;
using Microsoft.AspNetCore.Mvc;

namespace BillingOne.Reconciliation.Tests.Api;

/// <summary>
/// The read copy of client mappings (ClientMappingChanged) and the device lists it scopes: filters, validation, and
/// client-scoped callers seeing only their client's RMM organizations.
/// </summary>
[Trait("Category", "Integration")]
public sealed class DeviceListingTests(ReconciliationFixture fixture) : IClassFixture<ReconciliationFixture>
{
    private readonly Guid orgId = Guid.NewGuid();
    private readonly Guid acme = Guid.NewGuid();

    [Fact]
    public async Task A_client_scoped_caller_sees_only_the_rmm_organizations_mapped_to_its_client()
    {
        await SyncThreeOrganizationsAsync();
        await MapAsync("2", acme, DateTimeOffset.UtcNow);

        using var scoped = fixture.ClientFor(orgId, clientScope: acme);
        var devices = (await scoped.GetFromJsonAsync<PagedResult<DeviceResponse>>("/api/reconciliation/devices"))!;
        var organizations = (await scoped.GetFromJsonAsync<PagedResult<RmmOrganizationResponse>>(
            "/api/reconciliation/rmm-organizations"))!;
        var snapshot = (await scoped.GetFromJsonAsync<PagedResult<DeviceSnapshotResponse>>(
            "/api/reconciliation/device-snapshots"))!.Items.ShouldHaveSingleItem();

        devices.Items.Select(device => device.Name).ShouldBe(["SRV-002", "WS-002-01", "WS-002-02"]);
        devices.Items.ShouldAllBe(device => device.ClientId == acme && device.OrganizationName == "Client 002");
        organizations.Items.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            organization => (organization.Id, organization.ClientId).ShouldBe(("2", (Guid?)acme)),
            organization => (organization.Workstations, organization.Servers).ShouldBe((2, 1)));
        (snapshot.Organizations, snapshot.Workstations, snapshot.Servers).ShouldBe((1, 2, 1));
    }

    [Fact]
    public async Task Devices_filter_by_client_kind_and_search_and_sort_by_organization()
    {
        await SyncThreeOrganizationsAsync();
        await MapAsync("3", acme, DateTimeOffset.UtcNow);
        using var client = fixture.ClientFor(orgId);

        var ofAcme = await ListAsync(client, $"clientId={acme}");
        var servers = await ListAsync(client, "kind=server&sort=organization&direction=desc");
        var found = await ListAsync(client, "search=client%20001");

        ofAcme.Select(device => device.OrganizationId).Distinct().ShouldBe(["3"]);
        servers.Select(device => device.Name).ShouldBe(["SRV-003", "SRV-002", "SRV-001"]);
        found.Count.ShouldBe(3, "the organization's name matches all of its devices");
    }

    [Fact]
    public async Task Query_parameters_that_are_not_valid_are_refused_naming_each()
    {
        using var client = fixture.ClientFor(orgId);

        using var response = await client.GetAsync(
            "/api/reconciliation/devices?kind=laptop&state=asleep&sort=size&clientId=acme&includeRemoved=maybe&pageSize=0");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>())!;
        problem.Errors.Keys.Order().ShouldBe(["clientId", "includeRemoved", "kind", "pageSize", "sort", "state"]);
        problem.Errors["kind"].Single().ShouldBe("kind must be one of 'workstation', 'server', 'other'.");
        problem.Errors["state"].Single().ShouldBe("state must be one of 'online', 'offline', 'pending', 'retired'.");
    }

    [Fact]
    public async Task An_older_mapping_change_arriving_late_and_other_vendors_changes_are_ignored()
    {
        await SyncThreeOrganizationsAsync();
        var globex = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        await MapAsync("1", acme, now);

        await MapAsync("1", globex, now.AddMinutes(-5));
        await MapAsync("2", globex, now, vendor: "pax8");

        using var client = fixture.ClientFor(orgId);
        var organizations = (await client.GetFromJsonAsync<PagedResult<RmmOrganizationResponse>>(
            "/api/reconciliation/rmm-organizations"))!.Items;
        organizations.Select(organization => (organization.Id, organization.ClientId))
            .ShouldBe([("1", (Guid?)acme), ("2", null), ("3", null)]);
    }

    [Fact]
    public async Task The_lists_and_the_integration_are_described_in_the_openapi_document()
    {
        using var client = fixture.ClientFor(orgId);

        var document = await client.GetStringAsync("/openapi/v1.json");

        document.ShouldSatisfyAllConditions(
            () => document.ShouldContain("\"/api/reconciliation/devices\""),
            () => document.ShouldContain("\"/api/reconciliation/rmm-organizations\""),
            () => document.ShouldContain("\"/api/reconciliation/device-snapshots\""),
            () => document.ShouldContain("\"/api/reconciliation/integrations/{name}/sync\""));
    }

    private async Task SyncThreeOrganizationsAsync()
    {
        using var stub = NinjaOneStub.WithAccount(organizations: 3, workstationsEach: 2);
        using var client = fixture.ClientFor(orgId);
        await client.SaveStubSettingsAsync(stub);
        (await client.SyncAsync()).Error.ShouldBeNull();
    }

    private static async Task<IReadOnlyList<DeviceResponse>> ListAsync(HttpClient client, string query) =>
        (await client.GetFromJsonAsync<PagedResult<DeviceResponse>>($"/api/reconciliation/devices?{query}"))!.Items;

    /// <summary>Publishes a change as the subscription service would and waits until the consumer has taken it.</summary>
    private async Task MapAsync(string externalId, Guid? clientId, DateTimeOffset changedAt, string vendor = "rmm")
    {
        var messageId = NewId.NextGuid();
        await fixture.Bus.Publish(new ClientMappingChanged(orgId, vendor, externalId, clientId, "manual", changedAt),
            context => context.MessageId = messageId);
        var probe = new DatabaseProbe(fixture.DatabaseConnectionString);
        await Eventually.UntilAsync(() => probe.InboxHoldsAsync(messageId), $"the consumer to take message {messageId}");
    }
}
