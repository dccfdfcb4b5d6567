using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Claims;
using System.Security.Cryptography;
using BillingOne.BuildingBlocks.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace BillingOne.Gateway.Tests.Infrastructure;

/// <summary>
/// The real gateway (its Program, appsettings.json and routes) on Kestrel with both of its endpoints on free loopback
/// ports, in front of real Kestrel backends it finds through the same <c>services__&lt;name&gt;__&lt;endpoint&gt;__0</c>
/// keys the AppHost sets. <c>metering</c> points at a port nobody listens on: the service that is down. The
/// identity backend also answers the internal auth API (<see cref="Directory"/>), and the gateway's clock is
/// <see cref="Clock"/>, which only moves when a test advances it.
/// </summary>
public class GatewayFixture : IAsyncLifetime
{
    public static readonly string[] Services = ["ingestion", "identity", "subscription", "invoice", "reconciliation", "metering", "projection"];
    public const string DownService = "metering";

    private readonly List<TestBackend> _backends = [];
    private GatewayFactory? _gateway;

    public GatewayFixture()
    {
        InternalTokenKey = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32));
        SessionKey = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32));
        Directory = new FakeDirectory(InternalTokenKey, Clock);
        DefaultApiKey = Directory.AddApiKey();
    }

    /// <summary>The gateway's <c>http</c> endpoint: HTTP/1.1 for browsers and REST.</summary>
    public Uri HttpAddress { get; private set; } = null!;

    /// <summary>The gateway's <c>grpc</c> endpoint: HTTP/2 cleartext with prior knowledge.</summary>
    public Uri GrpcAddress { get; private set; } = null!;

    /// <summary>Starts at the real time, so tokens the gateway signs look current to anyone.</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public FakeDirectory Directory { get; }

    /// <summary>What the gateway logged, as its log filters let through.</summary>
    public CapturedLogs Logs { get; } = new();

    public SymmetricSecurityKey InternalTokenKey { get; }

    public SymmetricSecurityKey SessionKey { get; }

    /// <summary>The admin key <see cref="CreateClient"/> sends.</summary>
    public TestApiKey DefaultApiKey { get; }

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Kestrel:Endpoints:http:Url"] = "http://127.0.0.1:0",
            ["Kestrel:Endpoints:grpc:Url"] = "http://127.0.0.1:0",
            ["Security:InternalTokenSigningKey"] = Convert.ToBase64String(InternalTokenKey.Key),
            ["Security:SessionSigningKey"] = Convert.ToBase64String(SessionKey.Key),
            [$"services:{DownService}:http:0"] = $"http://127.0.0.1:{UnusedPort()}",
            // A gRPC route to the service that is down, shaped like the ingestion health route in appsettings.json.
            [$"services:{DownService}:grpc:0"] = $"http://127.0.0.1:{UnusedPort()}",
            [$"ReverseProxy:Routes:{DownService}-grpc-health:ClusterId"] = $"{DownService}-grpc",
            [$"ReverseProxy:Routes:{DownService}-grpc-health:Match:Path"] = "/grpc.health.v1.Health/{grpcMethod}",
            [$"ReverseProxy:Routes:{DownService}-grpc-health:Match:Headers:0:Name"] = "x-billingone-service",
            [$"ReverseProxy:Routes:{DownService}-grpc-health:Match:Headers:0:Values:0"] = DownService,
            [$"ReverseProxy:Routes:{DownService}-grpc-health:Metadata:Anonymous"] = "true",
            [$"ReverseProxy:Clusters:{DownService}-grpc:HttpRequest:Version"] = "2.0",
            [$"ReverseProxy:Clusters:{DownService}-grpc:HttpRequest:VersionPolicy"] = "RequestVersionExact",
            [$"ReverseProxy:Clusters:{DownService}-grpc:Destinations:{DownService}:Address"] = $"http://_grpc.{DownService}",
        };
        foreach (var (key, value) in RateLimits)
        {
            settings[$"Gateway:RateLimits:{key}"] = value.ToString();
        }

        foreach (var service in Services.Where(service => service != DownService))
        {
            var backend = service == "identity"
                ? Backends.StartServiceAsync(service, Directory.Map)
                : Backends.StartServiceAsync(service);
            settings[$"services:{service}:http:0"] = (await StartAsync(backend)).Address.ToString();
        }

        settings["services:web:http:0"] = (await StartAsync(Backends.StartWebAsync())).Address.ToString();
        foreach (var service in new[] { "ingestion", "projection", "subscription" })
        {
            settings[$"services:{service}:grpc:0"] = (await StartAsync(Backends.StartGrpcAsync(service))).Address.ToString();
        }

        _gateway = new GatewayFactory(settings, Clock, Logs);
        _gateway.StartServer();
        HttpAddress = _gateway.AddressOf(HttpProtocols.Http1AndHttp2);
        GrpcAddress = _gateway.AddressOf(HttpProtocols.Http2);
    }

    /// <summary>The gateway's <c>Gateway:RateLimits</c>; generous here, so only the rate-limit tests meet them.</summary>
    protected virtual IReadOnlyDictionary<string, int> RateLimits { get; } = new Dictionary<string, int>
    {
        ["RequestsPerMinute"] = 100_000,
        ["IngestRequestsPerMinute"] = 100_000,
        ["SignInAttemptsPerMinute"] = 100_000,
    };

    /// <summary>A client for the gateway's HTTP/1.1 endpoint, sending <see cref="DefaultApiKey"/>.</summary>
    public HttpClient CreateClient()
    {
        var client = CreateAnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DefaultApiKey.Key);
        return client;
    }

    /// <summary>A client for the gateway's HTTP/1.1 endpoint without credentials.</summary>
    public HttpClient CreateAnonymousClient() => new() { BaseAddress = HttpAddress };

    /// <summary>
    /// Checks an <c>Authorization</c> value a service received: an internal token signed with the shared key, for the
    /// services' audience, issued now by the gateway's clock for two minutes. Returns its claims.
    /// </summary>
    public async Task<InternalTokenClaims> ReadInternalTokenAsync(string? authorization)
    {
        authorization.ShouldNotBeNull().ShouldStartWith("Bearer ");
        var parameters = InternalTokens.ValidationParameters(InternalTokenKey);
        parameters.ValidateLifetime = false;
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(authorization["Bearer ".Length..], parameters);
        result.IsValid.ShouldBeTrue(result.Exception?.Message);

        var token = (JsonWebToken)result.SecurityToken;
        token.IssuedAt.ShouldBe(Clock.GetUtcNow().UtcDateTime, TimeSpan.FromSeconds(1));
        (token.ValidTo - token.IssuedAt).ShouldBe(InternalTokens.Lifetime, TimeSpan.FromSeconds(1));
        return InternalTokens.FromPrincipal(new ClaimsPrincipal(result.ClaimsIdentity)).ShouldNotBeNull();
    }

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
        private readonly TimeProvider _clock;
        private readonly CapturedLogs _logs;
        private readonly List<ListenOptions> _endpoints = [];

        public GatewayFactory(IReadOnlyDictionary<string, string?> settings, TimeProvider clock, CapturedLogs logs)
        {
            _settings = settings;
            _clock = clock;
            _logs = logs;
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
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton(_clock);
                services.AddSingleton<ILoggerProvider>(_logs);
            });
        }
    }
}
