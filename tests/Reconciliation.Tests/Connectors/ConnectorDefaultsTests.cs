using BillingOne.Reconciliation.Connectors.Datto;
using BillingOne.Reconciliation.Connectors.NinjaOne;
using BillingOne.Reconciliation.Connectors.Rmm;
using BillingOne.Reconciliation.Connectors.Synergy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BillingOne.Reconciliation.Tests.Connectors;

/// <summary>
/// With no <c>Connectors:*</c> configuration but the service's own appsettings.json (what a production deployment
/// starts from), the connectors address the vendors' own hosts and hold no credentials: only the AppHost's development
/// run points them at the sandbox.
/// </summary>
[Trait("Category", "Unit")]
public sealed class ConnectorDefaultsTests
{
    [Fact]
    public void The_services_appsettings_holds_no_connector_settings()
    {
        Appsettings().GetSection("Connectors").Exists().ShouldBeFalse();
    }

    [Fact]
    public void Without_configuration_ninjaone_is_its_us_instance_datto_has_no_platform_and_synergy_is_its_api()
    {
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddSingleton(Appsettings());
        collection.AddRmmConnectors();
        SynergyConnectorFactory.Register(collection);
        using var services = collection.BuildServiceProvider();

        var ninja = services.GetRequiredService<IOptions<NinjaOneOptions>>().Value;
        ninja.BaseUrl.ShouldBe(new Uri("https://app.ninjarmm.com"));
        ninja.ClientId.ShouldBeEmpty();
        ninja.ClientSecret.ShouldBeEmpty();
        NinjaOneOptions.Instances.Values.Select(instance => instance.Host).ShouldBe(
            ["app.ninjarmm.com", "us2.ninjarmm.com", "eu.ninjarmm.com", "ca.ninjarmm.com", "oc.ninjarmm.com"], ignoreOrder: true);

        services.GetRequiredService<IOptions<DattoRmmOptions>>().Value.BaseUrl.ShouldBeNull();
        DattoRmmOptions.Platforms["merlot"].ShouldBe(new Uri("https://merlot-api.centrastage.net"));
        DattoRmmOptions.Platforms.Keys.ShouldBe(["pinotage", "merlot", "concord", "vidal", "zinfandel", "syrah"], ignoreOrder: true);

        var synergy = services.GetRequiredService<IOptions<SynergyOptions>>().Value;
        synergy.Endpoint.ShouldBe(new Uri("https://api.synergywholesale.com/"));
        synergy.ResellerId.ShouldBeEmpty();
        synergy.ApiKey.ShouldBeEmpty();
    }

    private static IConfiguration Appsettings()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "BillingOne.sln")))
        {
            directory = directory.Parent;
        }
        directory.ShouldNotBeNull("the repository root holds BillingOne.sln");
        return new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(directory.FullName, "services", "Reconciliation", "appsettings.json"))
            .Build();
    }
}
