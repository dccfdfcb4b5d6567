using System.Globalization;
using BillingOne.AppHost.Operations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BillingOne.AppHost.Infrastructure;

/// <summary>PostgreSQL and RabbitMQ as this run declares them, plus RabbitMQ's management endpoint for the operator commands.</summary>
/// <param name="PostgresAddress">Host and port of PostgreSQL as a connection string fragment, without any credentials.</param>
public sealed record Servers(
    IResourceBuilder<IResourceWithConnectionString> Postgres,
    ReferenceExpression PostgresAddress,
    IResourceBuilder<IResourceWithConnectionString> RabbitMq,
    EndpointReference RabbitMqManagement,
    AppHostSecrets Secrets)
{
    private readonly SortedSet<string> databases = new(StringComparer.Ordinal);

    /// <summary>The name of a service's own database on the shared server.</summary>
    public static string DatabaseName(string service) => $"billingone_{service}";

    /// <summary>The databases whose roles PostgreSQL's <c>postgres-databases</c> check provisions.</summary>
    public IReadOnlyCollection<string> Databases => databases;

    /// <summary>A service's own database as the service runs on it: its runtime role, which owns nothing.</summary>
    public ReferenceExpression DatabaseOf(string service) =>
        ConnectionString(service, DatabaseProvisioning.AppRole(DatabaseName(service)));

    /// <summary>A service's own database as its owner, which applies the migrations.</summary>
    public ReferenceExpression MigrationsOf(string service) =>
        ConnectionString(service, DatabaseProvisioning.OwnerRole(DatabaseName(service)));

    private ReferenceExpression ConnectionString(string service, string role)
    {
        var database = DatabaseName(service);
        databases.Add(database);
        return ReferenceExpression.Create(
            $"{PostgresAddress};Username={role};Password={Secrets.DatabasePassword(role)};Database={database}");
    }
}

public static class ServerResourceExtensions
{
    public const string PostgresName = "postgres";
    public const string RabbitMqName = "rabbitmq";
    public const string ManagementEndpointName = "management";

    /// <summary>
    /// Containers where a container engine answers (<c>AppHost:Infrastructure</c> auto or containers), else the
    /// machine's binaries as executable resources: container resources without an engine would hold the whole start.
    /// </summary>
    public static Servers AddServers(this IDistributedApplicationBuilder builder, AppHostSettings settings) =>
        settings.Infrastructure switch
        {
            InfrastructureMode.Containers => builder.AddServerContainers(settings),
            InfrastructureMode.Executables => builder.AddLocalServers(settings),
            _ => ContainerEngine.Answers(TimeSpan.FromSeconds(10)) ? builder.AddServerContainers(settings) : builder.AddLocalServers(settings),
        };

    private static Servers AddServerContainers(this IDistributedApplicationBuilder builder, AppHostSettings settings)
    {
        var postgres = builder.AddPostgres(PostgresName).WithDataVolume("billingone-postgres");
        var endpoint = postgres.Resource.PrimaryEndpoint;
        var rabbitMq = builder.AddRabbitMQ(RabbitMqName).WithDataVolume("billingone-rabbitmq").WithManagementPlugin();
        return builder.WithDatabaseProvisioning(new Servers(postgres,
            ReferenceExpression.Create($"Host={endpoint.Property(EndpointProperty.Host)};Port={endpoint.Property(EndpointProperty.Port)}"),
            rabbitMq, rabbitMq.GetEndpoint(ManagementEndpointName), settings.Secrets));
    }

    /// <summary>
    /// PostgreSQL is healthy, and the services that wait for it start, only once every service's database and roles
    /// exist as <see cref="DatabaseProvisioning"/> describes; the services never see the superuser's credentials.
    /// </summary>
    private static Servers WithDatabaseProvisioning(this IDistributedApplicationBuilder builder, Servers servers)
    {
        const string checkName = "postgres-databases";
        builder.Services.AddHealthChecks().AddCheck(checkName, new DatabaseProvisioningCheck(servers));
        servers.Postgres.WithHealthCheck(checkName);
        return servers;
    }

    /// <summary>
    /// PostgreSQL (created by <c>postgres-init</c>, run through a wrapper that makes every stop a fast, clean
    /// shutdown) and a RabbitMQ node with its own epmd, all on loopback with data under the data directory.
    /// </summary>
    private static Servers AddLocalServers(this IDistributedApplicationBuilder builder, AppHostSettings settings)
    {
        var scripts = Path.Combine(builder.AppHostDirectory, "scripts");
        var postgresData = Path.Combine(settings.DataDirectory, "postgres");
        var postgresPort = settings.Port("postgres");
        var postgresInit = builder.AddExecutable("postgres-init", "bash", settings.RepositoryRoot,
            Path.Combine(scripts, "pg-init.sh"), postgresData);
        var postgres = builder.AddResource(new LocalPostgresResource(PostgresName, Path.Combine(scripts, "pg-run.sh"), settings.RepositoryRoot))
            .WithArgs(postgresData, postgresPort.ToString())
            .WithEndpoint(LocalPostgresResource.EndpointName, endpoint =>
            {
                endpoint.Port = endpoint.TargetPort = postgresPort;
                endpoint.UriScheme = "tcp";
                endpoint.IsProxied = false;
            })
            .WaitForCompletion(postgresInit)
            .WithHealthCheck("postgres-ready")
            .WithRestartOnCrash();
        var superuser = $"Host=127.0.0.1;Port={postgresPort};Username=postgres;Database=postgres;Pooling=false;Timeout=3";
        builder.Services.AddHealthChecks().AddCheck("postgres-ready", new PostgresReadyCheck(superuser));
        builder.Services.AddHostedService(services =>
            new PostgresFastShutdown(postgresData, services.GetRequiredService<ILogger<PostgresFastShutdown>>()));

        var node = RabbitMqNodeFiles.Prepare(Path.Combine(settings.DataDirectory, "rabbitmq"), settings);
        var epmd = builder.AddExecutable("epmd", RabbitMqNodeFiles.EpmdPath(), node.Directory,
                "-port", settings.Port("epmd").ToString())
            .WithEnvironment("ERL_EPMD_ADDRESS", "127.0.0.1")
            .WithRestartOnCrash();
        var amqpPort = settings.Port("rabbitmq");
        var managementPort = settings.Port("rabbitmq-management");
        var rabbitMq = builder.AddResource(new LocalRabbitMqResource(RabbitMqName, Path.Combine(scripts, "rabbitmq-run.sh"), node.Directory))
            .WithEnvironment(context =>
            {
                foreach (var (name, value) in node.Environment)
                {
                    context.EnvironmentVariables[name] = value;
                }
            })
            .WithEndpoint(LocalRabbitMqResource.EndpointName, endpoint =>
            {
                endpoint.Port = endpoint.TargetPort = amqpPort;
                endpoint.UriScheme = "tcp";
                endpoint.IsProxied = false;
            })
            .WithHttpEndpoint(port: managementPort, targetPort: managementPort, name: ManagementEndpointName, isProxied: false)
            .WithUrlForEndpoint(ManagementEndpointName, url => url.DisplayText = "RabbitMQ management (guest/guest)")
            .WaitForStart(epmd)
            .WithHealthCheck("rabbitmq-ready")
            .WithRestartOnCrash();
        builder.Services.AddHealthChecks().AddCheck("rabbitmq-ready",
            new RabbitMqReadyCheck(new Uri($"amqp://guest:guest@127.0.0.1:{amqpPort}/")));
        return builder.WithDatabaseProvisioning(new Servers(postgres,
            ReferenceExpression.Create($"Host=127.0.0.1;Port={postgresPort.ToString(CultureInfo.InvariantCulture)}"),
            rabbitMq, rabbitMq.GetEndpoint(ManagementEndpointName), settings.Secrets));
    }
}
