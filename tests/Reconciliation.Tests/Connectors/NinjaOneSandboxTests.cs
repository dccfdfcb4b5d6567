extern alias sandbox;
using System.Globalization;
using BillingOne.Reconciliation.Connectors.NinjaOne;
using BillingOne.Reconciliation.Connectors.Rmm;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using sandbox::BillingOne.Sandbox.Domain;
using SandboxProgram = sandbox::Program;

namespace BillingOne.Reconciliation.Tests.Connectors;

/// <summary>
/// The NinjaOne connector against the sandbox's NinjaOne API in memory: real OAuth, cursor paging and device filter,
/// so the connector and the sandbox cannot drift apart unnoticed.
/// </summary>
[Trait("Category", "Integration")]
public sealed class NinjaOneSandboxTests : IClassFixture<NinjaOneSandboxTests.SmallSandbox>, IDisposable
{
    private const string ClientId = "reconciliation-tests";
    private const string ClientSecret = "sandbox secret";

    private readonly SmallSandbox sandbox;
    private readonly ConnectorHost host;

    public NinjaOneSandboxTests(SmallSandbox sandbox)
    {
        this.sandbox = sandbox;
        host = new ConnectorHost(ConnectorHost.Settings(NinjaOneOptions.Section, ("PageSize", "37")),
            services =>
            {
                // Both pipelines reach the in-memory sandbox instead of the network.
                services.AddHttpClient(NinjaOneConnector.ApiPipeline).ConfigurePrimaryHttpMessageHandler(sandbox.Server.CreateHandler);
                services.AddHttpClient(NinjaOneTokenSource.HttpClientName)
                    .ConfigurePrimaryHttpMessageHandler(sandbox.Server.CreateHandler);
            });
    }

    private DemoDataSet Data => sandbox.Services.GetRequiredService<DemoDataSet>();

    private IRmmConnector Connector => host.Connector(ConnectorHost.Values(RmmVendors.NinjaOneKey,
        sandbox.Server.BaseAddress.ToString(), ClientId, ClientSecret));

    [Fact]
    public async Task Every_sandbox_client_is_read_as_an_organization()
    {
        var organizations = await Connector.ListOrganizationsAsync().ToListAsync();

        organizations.Select(organization => (organization.VendorId, organization.Name))
            .ShouldBe(Data.Clients.Select(client => (client.Id.ToString(CultureInfo.InvariantCulture), client.Name)));
    }

    [Fact]
    public async Task Every_sandbox_device_is_read_once_across_pages()
    {
        var devices = await Connector.ListAllDevicesAsync().ToListAsync();

        devices.Select(device => device.VendorId)
            .ShouldBe(Data.Devices.Select(device => device.Id.ToString(CultureInfo.InvariantCulture)));
        devices.ShouldNotContain(device => device.Kind == RmmDeviceKind.Other, "the sandbox serves workstations and servers");
    }

    [Fact]
    public async Task Sandbox_devices_awaiting_approval_are_read_as_pending()
    {
        var awaitingApproval = Data.Devices.Where(device => !device.Approved)
            .Select(device => device.Id.ToString(CultureInfo.InvariantCulture)).ToList();

        var devices = await Connector.ListAllDevicesAsync().ToListAsync();

        awaitingApproval.ShouldNotBeEmpty("the seed enrols a few agents that still wait for approval");
        devices.Where(device => device.State == RmmDeviceState.Pending).Select(device => device.VendorId)
            .ShouldBe(awaitingApproval);
    }

    [Fact]
    public async Task One_organizations_devices_are_filtered_by_the_sandbox()
    {
        var client = Data.Clients.First(candidate => Data.Devices.Count(device => device.ClientId == candidate.Id) > 1);

        var devices = await Connector.ListDevicesAsync(client.Id.ToString(CultureInfo.InvariantCulture)).ToListAsync();

        devices.Count.ShouldBe(Data.Devices.Count(device => device.ClientId == client.Id));
        devices.ShouldAllBe(device => device.OrganizationVendorId == client.Id.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task The_connection_check_passes_with_the_registered_client()
    {
        (await Connector.CheckConnectionAsync()).Succeeded.ShouldBeTrue();
    }

    public void Dispose() => host.Dispose();

    /// <summary>A sandbox with few clients (fast to generate) and the test's API client registered.</summary>
    public sealed class SmallSandbox : WebApplicationFactory<SandboxProgram>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Sandbox:DemoData:Seed", "1515");
            builder.UseSetting("Sandbox:DemoData:ClientCount", "25");
            builder.UseSetting("Sandbox:NinjaOne:Clients:0:ClientId", ClientId);
            builder.UseSetting("Sandbox:NinjaOne:Clients:0:ClientSecret", ClientSecret);
        }
    }
}
