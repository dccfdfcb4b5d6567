using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;

namespace BillingOne.Gateway.Tests.Infrastructure;

/// <summary>
/// The real gateway (its Program, appsettings.json and routes) on Kestrel with both of its endpoints on free loopback
/// ports, in front of real Kestrel backends it finds through the same <c>services__&lt;name&gt;__&lt;endpoint&gt;__0</c>
/// keys the AppHost sets. <c>metering</c> points at a port nobody listens on: the service that is down.
/// </summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    public static readonly string[] Services = ["ingestion", "subscription", "invoice", "reconciliation", "metering", "projection"];
    public const string DownService = "metering";

    /// <summary>The override the tests give the ingestion route, above the 10 MiB default.</summary>
    public const long IngestionBodyLimitBytes = 20 * 1024 * 1024;

    private readonly List<TestBackend> _backends = [];
    private GatewayFactory? _gateway;

    /// <summary>The gateway's <c>http</c> endpoint: HTTP/1.1 for browsers and REST.</summary>
    public Uri HttpAddress { get; private set; } = null!;

    /// <summary>The gateway's <c>grpc</c> endpoint: HTTP/2 cleartext with prior knowledge.</summary>
    public Uri GrpcAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Kestrel:Endpoints:http:Url"] = "http://127.0.0.1:0",
            ["Kestrel:Endpoints:grpc:Url"] = "http://127.0.0.1:0",
            ["ReverseProxy:Routes:ingestion-api:Metadata:MaxRequestBodyBytes"] = IngestionBodyLimitBytes.ToString(),
            [$"services:{DownService}:http:0"] = $"http://127.0.0.1:{UnusedPort()}",
            // A gRPC route to the service that is down, shaped like the ingestion one in appsettings.json.
            [$"services:{DownService}:grpc:0"] = $"http://127.0.0.1:{UnusedPort()}",
            [$"ReverseProxy:Routes:{DownService}-grpc-health:ClusterId"] = $"{DownService}-grpc",
            [$"ReverseProxy:Routes:{DownService}-grpc-health:Match:Path"] = "/grpc.health.v1.Health/{grpcMethod}",
            [$"ReverseProxy:Routes:{DownService}-grpc-health:Match:Headers:0:Name"] = "x-billingone-service",
            [$"ReverseProxy:Routes:{DownService}-grpc-health:Match:Headers:0:Values:0"] = DownService,
            [$"ReverseProxy:Clusters:{DownService}-grpc:HttpRequest:Version"] = "2.0",
            [$"ReverseProxy:Clusters:{DownService}-grpc:HttpRequest:VersionPolicy"] = "RequestVersionExact",
            [$"ReverseProxy:Clusters:{DownService}-grpc:Destinations:{DownService}:Address"] = $"http://_grpc.{DownService}",
        };

        foreach (var service in Services.Where(service => service != DownService))
        {
            settings[$"services:{service}:http:0"] = (await StartAsync(Backends.StartServiceAsync(service))).Address.ToString();
        }

        settings["services:web:http:0"] = (await StartAsync(Backends.StartWebAsync())).Address.ToString();
        settings["services:ingestion:grpc:0"] = (await StartAsync(Backends.StartGrpcHealthAsync())).Address.ToString();

        _gateway = new GatewayFactory(settings);
        _gateway.StartServer();
        HttpAddress = _gateway.AddressOf(HttpProtocols.Http1AndHttp2);
        GrpcAddress = _gateway.AddressOf(HttpProtocols.Http2);
    }

    /// <summary>A client for the gateway's HTTP/1.1 endpoint.</summary>
    public HttpClient CreateClient() => new() { BaseAddress = HttpAddress };

    public async Task DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }

        foreach (var backend in _backends)
        {
            await backend.DisposeAsync();
        }
    }

    private async Task<TestBackend> StartAsync(Task<TestBackend> starting)
    {
        var backend = await starting;
        _backends.Add(backend);
        return backend;
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class GatewayFactory : WebApplicationFactory<Program>
    {
        private readonly IReadOnlyDictionary<string, string?> _settings;
        private readonly List<ListenOptions> _endpoints = [];

        public GatewayFactory(IReadOnlyDictionary<string, string?> settings)
        {
            _settings = settings;
            UseKestrel(kestrel => kestrel.ConfigureEndpointDefaults(_endpoints.Add));
        }

        public Uri AddressOf(HttpProtocols protocols)
        {
            // Kestrel writes the port it bound back into the endpoint's options.
            var endpoint = _endpoints.Single(endpoint => endpoint.Protocols == protocols);
            return new Uri($"http://{endpoint.IPEndPoint}");
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(_settings));
        }
    }
}
