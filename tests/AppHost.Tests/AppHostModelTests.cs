using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using BillingOne.AppHost;
using BillingOne.Hosting;
using Microsoft.Extensions.Configuration;

namespace BillingOne.AppHost.Tests;

/// <summary>The AppHost's resource model as declared (nothing is started).</summary>
public sealed class AppHostModelTests : IDisposable
{
    private static readonly string[] Services = ["ingestion", "identity", "subscription", "invoice", "reconciliation", "metering", "projection"];
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("billingone-apphost-model-").FullName;

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    private async Task<IDistributedApplicationTestingBuilder> ModelAsync(string infrastructure, params string[] more) =>
        await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            [$"--AppHost:DataDirectory={_dataDirectory}", $"--AppHost:Infrastructure={infrastructure}", .. more],
            (options, _) => options.DisableDashboard = true);

    [Fact]
    public async Task Replicas_of_the_replicable_services_run_behind_proxied_endpoints()
    {
        string[] replicated = ["metering", "ingestion", "subscription", "invoice", "reconciliation"];
        await using var builder = await ModelAsync("executables",
            [.. replicated.Select(name => $"--AppHost:Replicas:{name}=2")]);

        foreach (var name in replicated)
        {
            var project = builder.Resources.OfType<ProjectResource>().Single(resource => resource.Name == name);
            project.Annotations.OfType<ReplicaAnnotation>().Single().Replicas.ShouldBe(2, name);
            // One address for callers (the gateway) and a port of its own for each process.
            project.Annotations.OfType<EndpointAnnotation>().ShouldAllBe(endpoint => endpoint.IsProxied);
        }
        builder.Resources.OfType<ProjectResource>().Single(resource => resource.Name == "projection")
            .Annotations.OfType<ReplicaAnnotation>().Single().Replicas.ShouldBe(1);
    }

    [Fact]
    public async Task Every_project_starts_the_program_its_build_put_beside_its_assembly_not_dotnet_run()
    {
        await using var builder = await ModelAsync("executables");

        var projects = builder.Resources.OfType<ProjectResource>().ToList();
        projects.Select(project => project.Name).ShouldContain("demo-seeder");
        projects.Select(project => project.Name).ShouldContain(BillingOneResourceExtensions.MigrationsOf("metering"));
        foreach (var project in projects)
        {
            var projectDirectory = Path.GetDirectoryName(project.GetProjectMetadata().ProjectPath)!;
            var program = project.Annotations.OfType<ExecutableAnnotation>().Single();
            program.WorkingDirectory.ShouldBe(projectDirectory, project.Name);
            program.Command.ShouldStartWith(Path.Combine(projectDirectory, "bin") + Path.DirectorySeparatorChar, Case.Sensitive,
                project.Name);
            File.Exists(program.Command).ShouldBeTrue(project.Name);
            File.Exists(program.Command + ".dll").ShouldBeTrue(project.Name);
        }
    }

    [Fact]
    public async Task Without_a_container_engine_the_servers_are_the_machines_binaries_on_loopback_ports()
    {
        await using var builder = await ModelAsync("executables");

        var resources = builder.Resources.ToDictionary(resource => resource.Name);
        resources["postgres"].ShouldBeOfType<LocalPostgresResource>();
        resources["rabbitmq"].ShouldBeOfType<LocalRabbitMqResource>();
        resources["epmd"].ShouldBeOfType<ExecutableResource>();
        resources["postgres-init"].ShouldBeOfType<ExecutableResource>();
        resources.Values.OfType<ContainerResource>().ShouldBeEmpty();
        var amqp = ((IResourceWithEndpoints)resources["rabbitmq"]).Annotations.OfType<EndpointAnnotation>()
            .Single(endpoint => endpoint.Name == "amqp");
        amqp.Port.ShouldBe(5141);
        amqp.IsProxied.ShouldBeFalse();
        File.ReadAllText(Path.Combine(_dataDirectory, "rabbitmq", "rabbitmq.conf")).ShouldContain("management.tcp.ip = 127.0.0.1");
    }

    [Fact]
    public async Task With_a_container_engine_the_servers_are_containers_with_data_volumes()
    {
        await using var builder = await ModelAsync("containers");

        var postgres = builder.Resources.Single(resource => resource.Name == "postgres").ShouldBeAssignableTo<ContainerResource>()!;
        var rabbitMq = builder.Resources.Single(resource => resource.Name == "rabbitmq").ShouldBeAssignableTo<ContainerResource>()!;
        postgres.Annotations.OfType<ContainerMountAnnotation>().ShouldNotBeEmpty();
        rabbitMq.Annotations.OfType<ContainerMountAnnotation>().ShouldNotBeEmpty();
        rabbitMq.Annotations.OfType<EndpointAnnotation>().ShouldContain(endpoint => endpoint.Name == "management");
        builder.Resources.ShouldNotContain(resource => resource.Name == "epmd");
    }

    [Fact]
    public async Task Every_service_has_a_health_check_restarts_after_a_crash_and_waits_for_both_servers()
    {
        await using var builder = await ModelAsync("executables");

        foreach (var name in Services.Append("gateway").Append("web").Append("sandbox"))
        {
            var project = builder.Resources.OfType<ProjectResource>().Single(resource => resource.Name == name);
            project.Annotations.OfType<HealthCheckAnnotation>().ShouldNotBeEmpty(name);
            project.Annotations.OfType<RestartOnCrashAnnotation>().ShouldNotBeEmpty(name);
        }
        foreach (var name in Services)
        {
            var waits = builder.Resources.Single(resource => resource.Name == name).Annotations.OfType<WaitAnnotation>()
                .Select(wait => wait.Resource.Name).ToList();
            waits.ShouldContain("postgres", name);
            waits.ShouldContain("rabbitmq", name);
        }
    }

    [Fact]
    public async Task Every_service_runs_as_its_own_runtime_role_after_a_migration_step_that_runs_as_its_databases_owner()
    {
        await using var builder = await ModelAsync("executables");

        builder.Resources.Single(resource => resource.Name == "postgres").Annotations.OfType<HealthCheckAnnotation>()
            .Select(check => check.Key).ShouldContain("postgres-databases");
        foreach (var name in Services)
        {
            var service = await EnvironmentOfAsync(builder, name);
            var runtime = new Npgsql.NpgsqlConnectionStringBuilder(await ValueAsync(service[$"ConnectionStrings__{name}db"]));
            service.ShouldNotContainKey($"ConnectionStrings__{name}db-migrations", "a running service holds no owner login");
            service["Database__Migrations"].ShouldBe("external");

            var step = BillingOneResourceExtensions.MigrationsOf(name);
            var migrations = await EnvironmentOfAsync(builder, step);
            var owner = new Npgsql.NpgsqlConnectionStringBuilder(
                await ValueAsync(migrations[$"ConnectionStrings__{name}db-migrations"]));
            runtime.Database.ShouldBe($"billingone_{name}");
            runtime.Username.ShouldBe($"billingone_{name}_app");
            owner.Database.ShouldBe($"billingone_{name}");
            owner.Username.ShouldBe($"billingone_{name}_owner");
            runtime.Password.ShouldNotBeNullOrEmpty();
            runtime.Password.ShouldNotBe(owner.Password);
            builder.Resources.Single(resource => resource.Name == name).Annotations.OfType<WaitAnnotation>()
                .ShouldContain(wait => wait.Resource.Name == step && wait.WaitType == WaitType.WaitForCompletion, name);
            builder.Resources.Single(resource => resource.Name == name).Annotations.OfType<WaitAnnotation>()
                .ShouldContain(wait => wait.Resource.Name == "rabbitmq" && wait.WaitType == WaitType.WaitUntilStarted, name);
        }
    }

    [Fact]
    public async Task Every_service_gets_the_key_encryption_key_of_its_key_ring_and_its_migration_step_does_not()
    {
        await using var builder = await ModelAsync("executables");

        var values = new HashSet<string>();
        foreach (var name in Services)
        {
            var key = (await ValueAsync((await EnvironmentOfAsync(builder, name))["DataProtection__KeyEncryptionKey"])).ShouldNotBeNull();
            Convert.FromBase64String(key).Length.ShouldBe(32, name);
            values.Add(key);
            (await EnvironmentOfAsync(builder, BillingOneResourceExtensions.MigrationsOf(name)))
                .ShouldNotContainKey("DataProtection__KeyEncryptionKey", name);
        }
        values.ShouldHaveSingleItem("one key-encryption key per data directory");
    }

    [Fact]
    public async Task Without_telemetry_export_every_project_process_runs_with_the_opentelemetry_sdk_off()
    {
        await using var exporting = await ModelAsync("executables");
        await using var silent = await ModelAsync("executables", "--AppHost:ExportTelemetry=false");

        foreach (var name in Services.Append("gateway").Append("web").Append("sandbox"))
        {
            (await EnvironmentOfAsync(exporting, name)).ShouldNotContainKey("OTEL_SDK_DISABLED", name);
            (await EnvironmentOfAsync(silent, name))["OTEL_SDK_DISABLED"].ShouldBe("true", name);
        }
    }

    private static async Task<Dictionary<string, object>> EnvironmentOfAsync(IDistributedApplicationTestingBuilder builder, string name)
    {
        var resource = builder.Resources.Single(resource => resource.Name == name);
        var context = new EnvironmentCallbackContext(new DistributedApplicationExecutionContext(DistributedApplicationOperation.Run),
            resource);
        foreach (var callback in resource.Annotations.OfType<EnvironmentCallbackAnnotation>())
        {
            await callback.Callback(context);
        }
        return context.EnvironmentVariables;
    }

    private static async Task<string?> ValueAsync(object value) => value switch
    {
        string text => text,
        ReferenceExpression expression => await expression.GetValueAsync(CancellationToken.None),
        _ => throw new InvalidOperationException($"Unexpected environment value {value.GetType()}"),
    };

    [Fact]
    public async Task Only_the_gateway_is_external_and_nothing_waits_for_the_run_once_seeder()
    {
        await using var builder = await ModelAsync("executables");

        builder.Resources.OfType<ProjectResource>()
            .Where(project => project.Annotations.OfType<EndpointAnnotation>().Any(endpoint => endpoint.IsExternal))
            .Select(project => project.Name).ShouldBe(["gateway"]);
        builder.Resources.SelectMany(resource => resource.Annotations.OfType<WaitAnnotation>())
            .ShouldNotContain(wait => wait.Resource.Name == "demo-seeder");
        builder.Resources.Single(resource => resource.Name == "demo-seeder").Annotations.OfType<RestartOnCrashAnnotation>()
            .ShouldBeEmpty();
    }

    [Fact]
    public async Task The_broker_carries_the_operator_commands()
    {
        await using var builder = await ModelAsync("executables");

        var commands = builder.Resources.Single(resource => resource.Name == "rabbitmq").Annotations
            .OfType<ResourceCommandAnnotation>().Select(command => command.Name).ToList();
        commands.ShouldContain(RabbitMqOperationsExtensions.RedeliverCommand);
        commands.ShouldContain(RabbitMqOperationsExtensions.QueueDepthsCommand);
    }

    [Fact]
    public void The_queue_table_lists_every_queue_with_its_depth()
    {
        var table = RabbitMqOperationsExtensions.QueueTable(
            [new QueueSummary("/", "metering-usage-readings-accepted", 12, 10, 2, 1, 3.5, 3.2, "running")]);

        table.ShouldContain("| / | metering-usage-readings-accepted | 10 | 2 | 1 | 3.5 | 3.2 |");
    }

    [Fact]
    public void The_banner_names_every_url_and_the_demo_credentials()
    {
        var settings = AppHostSettings.Load(
            new ConfigurationBuilder().AddInMemoryCollection(
                new Dictionary<string, string?> { ["AppHost:DataDirectory"] = _dataDirectory }).Build(),
            Path.Combine(_dataDirectory, "AppHost"));

        var banner = StartupBanner.Format(settings, "http://127.0.0.1:5101");

        banner.ShouldContain("Aspire dashboard         http://127.0.0.1:5101");
        banner.ShouldContain("http://127.0.0.1:5100/scalar");
        banner.ShouldContain("Mails sent (smtp4dev)    http://127.0.0.1:5146/");
        banner.ShouldContain(settings.Secrets.AdminApiKey);
        banner.ShouldContain(AppHostSecrets.OwnerEmail);
    }
}
