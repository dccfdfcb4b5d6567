using BillingOne.Invoice.Connectors.SuperOps;
using BillingOne.Invoice.Connectors.Xero;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BillingOne.Invoice.Tests.Connectors;

/// <summary>
/// With no <c>Connectors:*</c> configuration (a production deployment that sets none) the connectors address the
/// vendors' own hosts, never the sandbox, and hold no credentials: only the AppHost's development run points them at the
/// sandbox.
/// </summary>
[Trait("Category", "Unit")]
public sealed class ConnectorDefaultsTests
{
    [Fact]
    public void Without_configuration_superops_is_its_us_data_center_with_no_subdomain_or_token()
    {
        using var services = Services(collection => collection.AddSuperOpsConnector());

        var options = services.GetRequiredService<IOptions<SuperOpsConnectorOptions>>().Value;

        options.Endpoint.ShouldBe(new Uri("https://api.superops.ai/msp"));
        SuperOpsConnectorOptions.EuEndpoint.ShouldBe(new Uri("https://euapi.superops.ai/msp"));
        options.SubDomain.ShouldBeEmpty();
        options.ApiToken.ShouldBeEmpty();
        services.GetRequiredService<SuperOpsClientFactory>().Defaults.ShouldBeNull();
    }

    [Fact]
    public void Without_configuration_xero_is_xeros_identity_login_and_api_hosts_with_no_app()
    {
        using var services = Services(collection => collection.AddXeroConnector());

        var options = services.GetRequiredService<IOptions<XeroConnectorOptions>>().Value;

        options.IdentityAddress.ShouldBe(new Uri("https://identity.xero.com/"));
        options.AuthorizeAddress.ShouldBe(new Uri("https://login.xero.com/identity/connect/authorize"));
        options.ApiAddress.ShouldBe(new Uri("https://api.xero.com/"));
        options.ClientId.ShouldBeEmpty();
        options.ClientSecret.ShouldBeEmpty();
    }

    private static ServiceProvider Services(Action<IServiceCollection> register)
    {
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        register(collection);
        return collection.BuildServiceProvider();
    }
}
