extern alias sandbox;
using BillingOne.BuildingBlocks.Integrations;
using BillingOne.Reconciliation.Connectors.Synergy;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using sandbox::BillingOne.Sandbox.Synergy;
using SandboxProgram = sandbox::Program;

namespace BillingOne.Reconciliation.Tests.Synergy;

/// <summary>
/// The Synergy connector against the sandbox's SOAP endpoint in memory, so the connector and the sandbox cannot drift
/// apart unnoticed.
/// </summary>
[Trait("Category", "Integration")]
public sealed class SynergySandboxTests : IClassFixture<SynergySandboxTests.SmallSandbox>, IDisposable
{
    private const string ResellerId = "reconciliation-tests";
    private const string ApiKey = "sandbox api key";

    private readonly SmallSandbox sandbox;
    private readonly ServiceProvider provider;

    public SynergySandboxTests(SmallSandbox sandbox)
    {
        this.sandbox = sandbox;
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(
            new Dictionary<string, string?> { ["Connectors:Synergy:PageSize"] = "7" }).Build());
        services.AddLogging();
        SynergyConnectorFactory.Register(services);
        services.AddHttpClient(SynergyConnector.ApiPipeline).ConfigurePrimaryHttpMessageHandler(sandbox.Server.CreateHandler);
        provider = services.BuildServiceProvider();
    }

    private SynergyDemoData Data => sandbox.Services.GetRequiredService<SynergyDemoData>();

    private SynergyConnector Connector(string apiKey = ApiKey) =>
        provider.GetRequiredService<SynergyConnectorFactory>().Create(new IntegrationValues(new Dictionary<string, string>
        {
            [SynergyConnectorFactory.ResellerIdSetting] = ResellerId,
            [SynergyConnectorFactory.ApiKeySetting] = apiKey,
            [SynergyConnectorFactory.EndpointSetting] = new Uri(sandbox.Server.BaseAddress, SynergyApi.Path).ToString(),
        }));

    [Fact]
    public async Task Every_sandbox_domain_hosting_service_and_certificate_is_read()
    {
        var domains = await Connector().ListDomainsAsync();
        var hosting = await Connector().ListHostingAsync();
        var certificates = await Connector().ListCertificatesAsync();

        domains.Select(domain => (domain.Name, domain.AutoRenew, domain.Registrant!.Name))
            .ShouldBe(Data.Domains.Select(domain => (domain.Name, domain.AutoRenew, domain.Registrant)));
        hosting.Select(service => service.Id).ShouldBe(Data.Hosting.Select(service => service.Id));
        certificates.Select(certificate => certificate.Product).ShouldBe(Data.Certificates.Select(certificate => certificate.ProductName));
    }

    [Fact]
    public async Task The_connection_check_passes_with_the_registered_reseller_and_names_a_wrong_key()
    {
        (await Connector().CheckConnectionAsync()).ShouldBeNull();
        (await Connector("wrong").CheckConnectionAsync()).ShouldNotBeNull().ShouldContain("ERR_LOGIN_FAILED");
    }

    public void Dispose() => provider.Dispose();

    /// <summary>A sandbox with few clients (fast to generate) and the test's reseller registered.</summary>
    public sealed class SmallSandbox : WebApplicationFactory<SandboxProgram>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Sandbox:DemoData:Seed", "1515");
            builder.UseSetting("Sandbox:DemoData:ClientCount", "25");
            builder.UseSetting("Sandbox:Synergy:Clients:0:ClientId", ResellerId);
            builder.UseSetting("Sandbox:Synergy:Clients:0:ClientSecret", ApiKey);
        }
    }
}
