using BillingOne.Gateway.ServiceDiscovery;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.ServiceDiscovery;
using Yarp.ReverseProxy.Configuration;

namespace BillingOne.Gateway.Tests;

[Trait("Category", "Unit")]
public sealed class ServiceDiscoveryDestinationResolverTests
{
    [Fact]
    public async Task Each_configured_instance_becomes_a_destination()
    {
        var resolved = await ResolveAsync(
            new() { ["services:subscription:http:0"] = "http://127.0.0.1:5111", ["services:subscription:http:1"] = "http://127.0.0.1:5211" },
            "http://subscription");

        resolved.Values.Select(destination => destination.Address).Order()
            .ShouldBe(["http://127.0.0.1:5111/", "http://127.0.0.1:5211/"]);
    }

    [Fact]
    public async Task Named_endpoint_is_looked_up_under_its_own_name()
    {
        var resolved = await ResolveAsync(
            new() { ["services:ingestion:http:0"] = "http://127.0.0.1:5110", ["services:ingestion:grpc:0"] = "http://127.0.0.1:5120" },
            "http://_grpc.ingestion");

        resolved.Values.ShouldHaveSingleItem().Address.ShouldBe("http://127.0.0.1:5120/");
    }

    [Fact]
    public async Task Unconfigured_service_falls_back_to_its_dns_name()
    {
        // What Kubernetes needs: the service name is a DNS name on the scheme's default port.
        var resolved = await ResolveAsync([], "http://invoice");

        resolved.Values.ShouldHaveSingleItem().Address.ShouldBe("http://invoice/");
    }

    [Fact]
    public async Task Instance_keeps_the_configured_path_and_is_health_checked_itself()
    {
        var resolved = await ResolveAsync(
            new() { ["services:web:http:0"] = "http://127.0.0.1:5102" },
            "http://web/app/",
            health: "http://web/alive");

        var destination = resolved.ShouldHaveSingleItem();
        destination.Key.ShouldBe("web@127.0.0.1:5102");
        destination.Value.Address.ShouldBe("http://127.0.0.1:5102/app/");
        destination.Value.Health.ShouldBe("http://127.0.0.1:5102/alive");
    }

    private static async Task<IReadOnlyDictionary<string, DestinationConfig>> ResolveAsync(
        Dictionary<string, string?> settings, string address, string? health = null)
    {
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .AddLogging()
            .AddServiceDiscovery();
        await using var provider = services.BuildServiceProvider();
        var resolver = new ServiceDiscoveryDestinationResolver(
            provider.GetRequiredService<ServiceEndpointResolver>(),
            NullLogger<ServiceDiscoveryDestinationResolver>.Instance);

        var resolved = await resolver.ResolveDestinationsAsync(
            new Dictionary<string, DestinationConfig> { ["web"] = new() { Address = address, Health = health } },
            CancellationToken.None);
        return resolved.Destinations;
    }
}
