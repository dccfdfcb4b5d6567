using System.Net;
using System.Net.Sockets;
using System.Text;
using BillingOne.BuildingBlocks.Http;
using BillingOne.BuildingBlocks.Integrations;
using BillingOne.BuildingBlocks.Tests.Integrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Shouldly;

namespace BillingOne.BuildingBlocks.Tests.Http;

/// <summary>
/// Vendor HttpClients (<see cref="VendorResilience.AddVendorRetries"/>) connect only to public addresses outside
/// Development, checking what the host resolves to when the connection is opened (DNS rebinding); docs/vendors.md,
/// Address fields.
/// </summary>
[Trait("Category", "Integration")]
public sealed class PublicAddressConnectionTests : IDisposable
{
    private const string VendorHost = "api.vendor.example";

    private readonly TcpListener listener = new(IPAddress.Loopback, 0);

    public PublicAddressConnectionTests() => listener.Start();

    private int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    [Fact]
    public async Task Outside_development_a_vendor_host_that_now_resolves_to_loopback_is_not_connected_to()
    {
        using var services = Services(Environments.Production, new StaticHostResolver(IPAddress.Loopback));
        using var client = Client(services);

        var refused = await Should.ThrowAsync<HttpRequestException>(() => client.GetAsync($"http://{VendorHost}:{Port}/v1/companies"));

        (refused.Message + refused.InnerException?.Message).ShouldContain(
            $"{VendorHost} resolves to a loopback, link-local or private address");
        listener.Pending().ShouldBeFalse();
    }

    [Fact]
    public async Task Outside_development_a_private_ip_literal_is_not_connected_to()
    {
        using var services = Services(Environments.Production, new StaticHostResolver(IPAddress.Parse("93.184.216.34")));
        using var client = Client(services);

        var refused = await Should.ThrowAsync<HttpRequestException>(() => client.GetAsync($"http://127.0.0.1:{Port}/"));

        (refused.Message + refused.InnerException?.Message).ShouldContain("127.0.0.1 resolves to a loopback");
        listener.Pending().ShouldBeFalse();
    }

    [Fact]
    public async Task A_development_run_may_call_the_sandbox_on_loopback()
    {
        using var services = Services(Environments.Development, new StaticHostResolver(IPAddress.Loopback));
        using var client = Client(services);
        var answered = AnswerOnceAsync();

        using var response = await client.GetAsync($"http://127.0.0.1:{Port}/");

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await answered;
    }

    private static ServiceProvider Services(string environment, IVendorHostResolver resolver)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IHostEnvironment>(new HostingEnvironment { EnvironmentName = environment });
        services.AddSingleton(resolver);
        services.AddHttpClient("vendor").AddVendorRetries("vendor",
            _ => new VendorRetryPolicy(1, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5)));
        return services.BuildServiceProvider();
    }

    private static HttpClient Client(ServiceProvider services) =>
        services.GetRequiredService<IHttpClientFactory>().CreateClient("vendor");

    /// <summary>Accepts one connection and answers 204.</summary>
    private async Task AnswerOnceAsync()
    {
        using var connection = await listener.AcceptTcpClientAsync();
        var stream = connection.GetStream();
        var buffer = new byte[4096];
        _ = await stream.ReadAsync(buffer);
        await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n"));
    }

    public void Dispose() => listener.Stop();
}
