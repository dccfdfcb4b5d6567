using System.Data.Common;
using BillingOne.AppHost.Configuration;
using BillingOne.AppHost.Resources;

namespace BillingOne.AppHost.Tests;

public sealed class AppHostPlanTests : IDisposable
{
    private readonly TemporaryRepository _repository = new("plan");

    public void Dispose() => _repository.Dispose();

    private AppHostPlan Plan(Dictionary<string, string?>? settings = null, Func<int>? freePort = null) =>
        _repository.Plan(settings, freePort);

    [Fact]
    public void Finds_the_repository_above_the_apphost_and_keeps_data_in_its_git_ignored_folder()
    {
        var plan = Plan();

        plan.RepositoryRoot.ShouldBe(_repository.Root);
        plan.DataDirectory.ShouldBe(Path.Combine(_repository.Root, ".data", "apphost"));
        plan.Postgres.DataDirectory.ShouldBe(Path.Combine(_repository.Root, ".data", "apphost", "postgres"));
        plan.RabbitMq.BaseDirectory.ShouldBe(Path.Combine(_repository.Root, ".data", "apphost", "rabbitmq"));
        plan.EnvironmentName.ShouldBe("Development");
    }

    [Fact]
    public void Uses_fixed_default_ports_so_local_urls_stay_the_same()
    {
        var plan = Plan();

        plan.Project("gateway").Endpoint.ShouldBe(new Uri("http://127.0.0.1:5100/"));
        plan.DashboardUri.ShouldBe(new Uri("http://127.0.0.1:5101/"));
        plan.Project("ingestion").GrpcEndpoint.ShouldBe(new Uri("http://127.0.0.1:5120/"));
        (plan.Postgres.Port, plan.RabbitMq.AmqpPort, plan.RabbitMq.ManagementPort).ShouldBe((5140, 5141, 5142));
        plan.ListeningPorts().Select(entry => entry.Port).ShouldBeUnique();
    }

    [Fact]
    public void Launches_each_project_from_its_build_output()
    {
        var plan = Plan();

        plan.Projects.Select(project => project.Name).ShouldBe(
            ["gateway", "web", "sandbox", "ingestion", "subscription", "invoice", "reconciliation", "metering", "projection"]);
        plan.Project("web").AssemblyPath.ShouldBe(
            Path.Combine(_repository.Root, "services", "Web", "bin", "Debug", "net10.0", "BillingOne.Web.dll"));
        plan.Project("web").ProjectDirectoryPath.ShouldBe(Path.Combine(_repository.Root, "services", "Web"));
    }

    [Fact]
    public void Takes_ports_data_folder_and_build_configuration_from_configuration()
    {
        foreach (var project in ProjectCatalog.All)
        {
            _repository.CreateBuildOutput(project, "Release");
        }

        var plan = Plan(new()
        {
            ["AppHost:Ports:gateway"] = "6100",
            ["AppHost:Ports:dashboard"] = "6101",
            ["AppHost:DataDirectory"] = "/tmp/billingone-elsewhere",
            ["AppHost:BuildConfiguration"] = "Release",
            ["AppHost:Environment"] = "Staging",
        });

        plan.Project("gateway").Port.ShouldBe(6100);
        plan.DashboardPort.ShouldBe(6101);
        plan.DataDirectory.ShouldBe("/tmp/billingone-elsewhere");
        plan.Project("gateway").AssemblyPath.ShouldContain(Path.Combine("bin", "Release", "net10.0"));
        plan.EnvironmentName.ShouldBe("Staging");
    }

    [Fact]
    public void Port_zero_means_any_free_port()
    {
        var plan = Plan(new() { ["AppHost:Ports:metering"] = "0" }, freePort: () => 40123);

        plan.Project("metering").Port.ShouldBe(40123);
    }

    [Fact]
    public void Refuses_two_resources_on_one_port()
    {
        var error = Should.Throw<AppHostConfigurationException>(() => Plan(new() { ["AppHost:Ports:web"] = "5110" }));

        error.Message.ShouldContain("Port 5110");
        error.Message.ShouldContain("web");
        error.Message.ShouldContain("ingestion");
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("70000")]
    public void Refuses_a_port_outside_the_tcp_range(string port) =>
        Should.Throw<AppHostConfigurationException>(() => Plan(new() { ["AppHost:Ports:invoice"] = port }))
            .Message.ShouldContain("AppHost:Ports:invoice");

    [Fact]
    public void Says_which_build_output_is_missing_and_how_to_build_it()
    {
        var sandbox = ProjectCatalog.All.Single(project => project.Name == "sandbox");
        Directory.Delete(Path.Combine(_repository.Root, sandbox.ProjectDirectory), recursive: true);

        var error = Should.Throw<AppHostConfigurationException>(() => Plan());

        error.Message.ShouldContain(Path.Combine("services", "Sandbox", "bin", "Debug", "net10.0", "BillingOne.Sandbox.dll"));
        error.Message.ShouldContain("dotnet build BillingOne.sln -c Debug");
    }

    [Fact]
    public void Uses_existing_servers_when_connection_strings_are_given()
    {
        var plan = Plan(new()
        {
            ["ConnectionStrings:postgres"] = "Host=db.internal;Port=5432;Username=app;Password=secret",
            ["ConnectionStrings:rabbitmq"] = "amqp://app:secret@mq.internal:5672/",
            ["AppHost:RabbitMqManagementUri"] = "http://app:secret@mq.internal:15672/",
        });

        plan.Postgres.IsExternal.ShouldBeTrue();
        plan.RabbitMq.IsExternal.ShouldBeTrue();
        plan.RabbitMq.ExternalManagementUri.ShouldBe(new Uri("http://app:secret@mq.internal:15672/"));
        // External servers are not ours to start, so their ports are not ours to claim.
        plan.ListeningPorts().Select(entry => entry.Owner).ShouldNotContain("postgres");
        var perService = new DbConnectionStringBuilder
        {
            ConnectionString = AppHostPlan.WithDatabase(plan.Postgres.ExternalConnectionString!, "billingone_invoice"),
        };
        perService["Database"].ShouldBe("billingone_invoice");
        (perService["Host"], perService["Username"], perService["Password"]).ShouldBe(("db.internal", "app", "secret"));
    }

    [Fact]
    public void Passes_the_otlp_endpoint_on_only_when_it_is_configured()
    {
        Plan().OtlpEndpoint.ShouldBeNull();
        Plan(new() { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:4317" }).OtlpEndpoint
            .ShouldBe(new Uri("http://127.0.0.1:4317"));
        Should.Throw<AppHostConfigurationException>(() => Plan(new() { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "collector" }));
    }

    [Fact]
    public void Refuses_a_repository_root_without_the_solution() =>
        Should.Throw<AppHostConfigurationException>(() => Plan(new() { ["AppHost:RepositoryRoot"] = Path.GetTempPath() }))
            .Message.ShouldContain(AppHostPlan.SolutionFileName);
}
