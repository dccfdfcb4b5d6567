extern alias reconciliation;

using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using BillingOne.BuildingBlocks.Integrations;
using BillingOne.BuildingBlocks.Security;
using BillingOne.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BillingOne.Reconciliation.Tests.Api;

/// <summary>
/// Issue #32 through the service's own endpoints, run as deployed (not Development, where the sandbox may be on
/// loopback): an RMM address whose host name is one of the vendor's but resolves to a loopback, private or link-local
/// address is refused when saved or tested, naming the field, and nothing reaches a listener on that address; a name
/// that resolved to a public address when saved and points inside later (DNS rebinding) is not connected to either.
/// The DNS answers come from <see cref="MappedHostResolver"/> (the guard's <see cref="IVendorHostResolver"/>).
/// </summary>
[Trait("Category", "Integration")]
public sealed class RmmAddressGuardTests(RmmAddressGuardTests.ProductionFixture fixture)
    : IClassFixture<RmmAddressGuardTests.ProductionFixture>
{
    private static readonly IPAddress PublicAddress = IPAddress.Parse("93.184.216.34");

    public static TheoryData<string> InternalAddresses => ["127.0.0.1", "10.1.2.3", "172.16.0.9", "192.168.1.1",
        "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "fd00::1", "fe80::1", "::ffff:127.0.0.1"];

    [Theory]
    [MemberData(nameof(InternalAddresses))]
    public async Task A_vendor_host_resolving_to_an_internal_address_is_refused_on_save_and_test_naming_the_field(
        string address)
    {
        var host = fixture.Resolver.Map($"eu-{Guid.NewGuid():N}.ninjarmm.com", PublicAddress, IPAddress.Parse(address));
        using var client = fixture.ClientFor(Guid.NewGuid());
        var baseUrl = $"https://{host}:{fixture.ListenerPort}/";

        var saved = await (await client.PutAsJsonAsync(IntegrationCalls.RmmPath, NinjaOne(baseUrl)))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var tested = await (await client.PostAsJsonAsync($"{IntegrationCalls.RmmPath}/test", NinjaOne(baseUrl)))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        foreach (var problem in new[] { saved, tested })
        {
            var errors = problem.ValidationErrors();
            errors.Keys.ShouldBe(["values.baseUrl"]);
            errors["values.baseUrl"].ShouldBe(["API address must not resolve to a loopback, link-local or private address."]);
        }
        fixture.ListenerReceivedNothing();
        (await client.GetFromJsonAsync<IntegrationResponse>(IntegrationCalls.RmmPath))!.SettingsSource
            .ShouldNotBe(IntegrationSettingsSource.Saved, "nothing was saved");
    }

    [Fact]
    public async Task The_token_address_is_checked_the_same_way()
    {
        var host = fixture.Resolver.Map($"eu-{Guid.NewGuid():N}.ninjarmm.com", IPAddress.Loopback);
        using var client = fixture.ClientFor(Guid.NewGuid());

        var problem = await (await client.PutAsJsonAsync(IntegrationCalls.RmmPath, NinjaOne(
                "https://eu.ninjarmm.com/", tokenUrl: $"https://{host}:{fixture.ListenerPort}/ws/oauth/token")))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        problem.ValidationErrors().Keys.ShouldBe(["values.tokenUrl"]);
        fixture.ListenerReceivedNothing();
    }

    [Theory]
    [InlineData("https://localhost:{0}/", "API address must be a public host name, not an internal one.")]
    [InlineData("https://127.0.0.1:{0}/", "API address must not be a loopback, link-local or private address.")]
    [InlineData("https://[::1]:{0}/", "API address must not be a loopback, link-local or private address.")]
    [InlineData("http://eu.ninjarmm.com:{0}/", "API address must be an https address.")]
    public async Task Internal_addresses_as_written_are_refused_before_any_lookup(string address, string error)
    {
        using var client = fixture.ClientFor(Guid.NewGuid());
        var baseUrl = string.Format(System.Globalization.CultureInfo.InvariantCulture, address, fixture.ListenerPort);

        var problem = await (await client.PostAsJsonAsync($"{IntegrationCalls.RmmPath}/test", NinjaOne(baseUrl)))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        problem.ValidationErrors()["values.baseUrl"].ShouldBe([error]);
        fixture.ListenerReceivedNothing();
    }

    [Fact]
    public async Task A_saved_host_that_later_resolves_to_loopback_is_not_connected_to_by_the_test_or_a_sync()
    {
        var host = fixture.Resolver.Map($"eu-{Guid.NewGuid():N}.ninjarmm.com", PublicAddress);
        using var client = fixture.ClientFor(Guid.NewGuid());
        (await client.PutAsJsonAsync(IntegrationCalls.RmmPath, NinjaOne($"https://{host}:{fixture.ListenerPort}/")))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        fixture.Resolver.Map(host, IPAddress.Loopback);
        using var response = await client.PostAsJsonAsync($"{IntegrationCalls.RmmPath}/test", new { });
        var test = await response.ShouldBeJsonAsync<ConnectionTestResponse>(HttpStatusCode.OK);
        var run = await client.SyncAsync();

        test.Succeeded.ShouldBeFalse();
        test.Message.ShouldStartWith("NinjaOne could not be read");
        run.Status.ShouldBe(SyncRunStatus.Failed);
        fixture.ListenerReceivedNothing();
    }

    private static object NinjaOne(string baseUrl, string? tokenUrl = null) => new
    {
        values = new Dictionary<string, string?>
        {
            ["vendor"] = "ninjaone",
            ["clientId"] = "client-id",
            ["clientSecret"] = "client-secret",
            ["baseUrl"] = baseUrl,
            ["tokenUrl"] = tokenUrl,
        },
    };

    /// <summary>
    /// The reconciliation service as deployed (environment Production) with a DNS of the test's making, and a real
    /// listener on 127.0.0.1 that counts the connections it is offered.
    /// </summary>
    public sealed class ProductionFixture : IAsyncLifetime
    {
        private readonly TcpListener listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource stopping = new();
        private int connections;
        private Task? accepting;
        private ServiceFactory<reconciliation::Program>? factory;
        private WebApplicationFactory<reconciliation::Program>? service;

        public MappedHostResolver Resolver { get; } = new();

        public int ListenerPort => ((IPEndPoint)listener.LocalEndpoint).Port;

        public async Task InitializeAsync()
        {
            listener.Start();
            accepting = AcceptAsync();
            var servers = await TestServers.GetAsync();
            var database = await servers.CreateServiceDatabaseAsync("reconciliation");
            var rabbitMq = await servers.CreateVirtualHostAsync("reconciliation");
            factory = new ServiceFactory<reconciliation::Program>("reconciliation", database, rabbitMq);
            factory.Settings["Connectors:NinjaOne:RetryBaseDelay"] = "00:00:00.010";
            service = factory.WithWebHostBuilder(builder => builder
                .UseEnvironment(Environments.Production)
                .ConfigureTestServices(services => services.AddSingleton<IVendorHostResolver>(Resolver)));
            service.StartServer();
        }

        public HttpClient ClientFor(Guid orgId)
        {
            // A derived factory runs on the in-memory test server; the vendor calls still go over real sockets.
            var client = service!.Server.CreateClient();
            client.DefaultRequestHeaders.Authorization = TestTokens.For(orgId, Roles.Admin);
            return client;
        }

        /// <summary>No connection reached the listener, nor is one waiting to be accepted.</summary>
        public void ListenerReceivedNothing()
        {
            Volatile.Read(ref connections).ShouldBe(0, "a connection reached the listener on 127.0.0.1");
        }

        private async Task AcceptAsync()
        {
            try
            {
                while (true)
                {
                    using var connection = await listener.AcceptTcpClientAsync(stopping.Token);
                    Interlocked.Increment(ref connections);
                }
            }
            catch (OperationCanceledException)
            {
            }
        }

        public async Task DisposeAsync()
        {
            await stopping.CancelAsync();
            if (accepting is not null)
            {
                await accepting;
            }
            listener.Stop();
            stopping.Dispose();
            if (service is not null)
            {
                await service.DisposeAsync();
            }
            if (factory is not null)
            {
                await factory.DisposeAsync();
            }
        }
    }

    /// <summary>A DNS of the test's making: each mapped name answers its addresses, any other name a public one.</summary>
    public sealed class MappedHostResolver : IVendorHostResolver
    {
        private readonly ConcurrentDictionary<string, IPAddress[]> names = new(StringComparer.OrdinalIgnoreCase);

        public string Map(string host, params IPAddress[] addresses)
        {
            names[host] = addresses;
            return host;
        }

        public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
            Task.FromResult(names.TryGetValue(host, out var addresses) ? addresses : [PublicAddress]);
    }
}
