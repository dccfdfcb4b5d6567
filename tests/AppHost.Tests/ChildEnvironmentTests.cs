using BillingOne.AppHost.Configuration;
using BillingOne.AppHost.Resources;

namespace BillingOne.AppHost.Tests;

public class ChildEnvironmentTests
{
    private static readonly IReadOnlyList<ProjectLaunch> Projects = ProjectCatalog.All
        .Select(definition => new ProjectLaunch(definition, definition.DefaultPort, definition.DefaultGrpcPort,
            $"/repo/{definition.ProjectDirectory}", $"/repo/{definition.ProjectDirectory}/bin/x.dll"))
        .ToList();

    private static readonly InfrastructureConnections Connections = new(
        database => $"Host=127.0.0.1;Port=5140;Username=postgres;Database={database}",
        new Uri("amqp://guest:guest@127.0.0.1:5141/"));

    private static readonly AppHostSecrets Secrets = new(
        "aW50ZXJuYWwtdG9rZW4ta2V5LW9mLWF0LWxlYXN0LTMyLWJ5dGVz",
        "c2Vzc2lvbi10b2tlbi1rZXktb2YtYXQtbGVhc3QtMzItYnl0ZXM=",
        "owner-password",
        "bo_demo0001_0123456789abcdefghijABCDEFGHIJ01");

    private static IReadOnlyDictionary<string, string?> EnvironmentOf(string name, Uri? otlpEndpoint = null) =>
        ChildEnvironment.For(Projects.Single(p => p.Name == name), Projects, Connections, Secrets, "Development", otlpEndpoint);

    [Fact]
    public void A_service_gets_its_own_database_and_the_broker()
    {
        var environment = EnvironmentOf("subscription");

        environment["ConnectionStrings__subscriptiondb"]
            .ShouldBe("Host=127.0.0.1;Port=5140;Username=postgres;Database=billingone_subscription");
        environment["ConnectionStrings__rabbitmq"].ShouldBe("amqp://guest:guest@127.0.0.1:5141/");
        environment.Keys.Where(key => key.StartsWith("ConnectionStrings__", StringComparison.Ordinal) && key.EndsWith("db", StringComparison.Ordinal))
            .ShouldBe(["ConnectionStrings__subscriptiondb"]);
    }

    [Fact]
    public void Listens_where_service_discovery_says_it_does()
    {
        var environment = EnvironmentOf("invoice");

        environment["ASPNETCORE_URLS"].ShouldBe("http://127.0.0.1:5112");
        environment["services__invoice__http__0"].ShouldBe(environment["ASPNETCORE_URLS"]);
        environment["ASPNETCORE_ENVIRONMENT"].ShouldBe("Development");
        environment["OTEL_SERVICE_NAME"].ShouldBe("invoice");
        environment["Logging__Console__FormatterOptions__SingleLine"].ShouldBe("true");
    }

    [Theory]
    [InlineData("gateway")]
    [InlineData("web")]
    [InlineData("metering")]
    public void Every_child_can_discover_every_resource(string name)
    {
        var environment = EnvironmentOf(name);

        foreach (var project in Projects)
        {
            environment[$"services__{project.Name}__http__0"].ShouldBe($"http://127.0.0.1:{project.Port}");
        }
        environment["services__ingestion__grpc__0"].ShouldBe("http://127.0.0.1:5120");
        environment["services__gateway__grpc__0"].ShouldBe("http://127.0.0.1:5104");
    }

    [Fact]
    public void The_web_ui_gets_no_database_or_broker()
    {
        var environment = EnvironmentOf("web");

        environment.Keys.ShouldNotContain(key => key.StartsWith("ConnectionStrings__", StringComparison.Ordinal));
        environment["ASPNETCORE_URLS"].ShouldBe("http://127.0.0.1:5102");
    }

    [Fact]
    public void A_project_serving_grpc_gets_a_named_http2_endpoint_next_to_its_http_one()
    {
        var environment = EnvironmentOf("ingestion");

        environment["Kestrel__Endpoints__http__Url"].ShouldBe("http://127.0.0.1:5110");
        environment["Kestrel__Endpoints__grpc__Url"].ShouldBe("http://127.0.0.1:5120");
        environment["Kestrel__Endpoints__grpc__Protocols"].ShouldBe("Http2");
        // Named endpoints replace ASPNETCORE_URLS; an inherited value is removed rather than ignored noisily.
        environment["ASPNETCORE_URLS"].ShouldBeNull();
    }

    [Fact]
    public void Exports_telemetry_only_when_an_otlp_endpoint_is_configured()
    {
        EnvironmentOf("projection")["OTEL_EXPORTER_OTLP_ENDPOINT"].ShouldBeNull();
        EnvironmentOf("projection", new Uri("http://127.0.0.1:4317"))["OTEL_EXPORTER_OTLP_ENDPOINT"]
            .ShouldBe("http://127.0.0.1:4317/");
    }

    [Fact]
    public void Every_project_gets_the_internal_token_key()
    {
        foreach (var project in Projects)
        {
            EnvironmentOf(project.Name)["Security__InternalTokenSigningKey"].ShouldBe(Secrets.InternalTokenSigningKey);
        }
    }

    [Fact]
    public void Only_the_gateway_gets_the_session_key()
    {
        EnvironmentOf("gateway")["Security__SessionSigningKey"].ShouldBe(Secrets.SessionSigningKey);
        foreach (var project in Projects.Where(project => project.Name != "gateway"))
        {
            EnvironmentOf(project.Name).Keys.ShouldNotContain("Security__SessionSigningKey");
        }
    }

    [Fact]
    public void Only_the_subscription_service_seeds_the_demo_owner_and_admin_key()
    {
        var environment = EnvironmentOf("subscription");

        environment["Seed__Enabled"].ShouldBe("true");
        environment["Seed__OwnerPassword"].ShouldBe("owner-password");
        environment["Seed__AdminApiKey"].ShouldBe("bo_demo0001_0123456789abcdefghijABCDEFGHIJ01");
        foreach (var project in Projects.Where(project => project.Name != "subscription"))
        {
            EnvironmentOf(project.Name).Keys.ShouldNotContain(key => key.StartsWith("Seed__", StringComparison.Ordinal));
        }
    }
}
