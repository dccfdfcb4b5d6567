using BillingOne.Subscription.Connectors.Pax8;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BillingOne.Subscription.Tests.Connectors;

/// <summary>
/// With no <c>Connectors:*</c> configuration (a production deployment that sets none) the Pax8 connector addresses
/// Pax8's API and token manager, never the sandbox, and holds no client: only the AppHost's development run points it
/// at the sandbox.
/// </summary>
[Trait("Category", "Unit")]
public sealed class Pax8ConnectorDefaultsTests
{
    [Fact]
    public void Without_configuration_pax8_is_its_api_and_token_manager_with_no_client()
    {
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        collection.AddPax8Connector();
        using var services = collection.BuildServiceProvider();

        var options = services.GetRequiredService<IOptions<Pax8ConnectorOptions>>().Value;

        options.BaseAddress.ShouldBe(new Uri("https://api.pax8.com/"));
        new Uri(options.BaseAddress, "v1/subscriptions").ShouldBe(new Uri("https://api.pax8.com/v1/subscriptions"));
        options.TokenUrl.ShouldBe(new Uri("https://token-manager.pax8.com/oauth/token"));
        options.Audience.ShouldBe("api://p8p.client");
        options.ClientId.ShouldBeEmpty();
        options.ClientSecret.ShouldBeEmpty();
    }
}
