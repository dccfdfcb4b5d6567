using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BillingOne.Hosting;

/// <summary>Where PostgreSQL and RabbitMQ come from in this run.</summary>
public enum InfrastructureMode
{
    /// <summary>Containers when a container engine answers, else the machine's binaries.</summary>
    Auto,
    /// <summary><c>AddPostgres</c>/<c>AddRabbitMQ</c> containers with data volumes.</summary>
    Containers,
    /// <summary>Executable resources running the machine's PostgreSQL and RabbitMQ binaries on loopback.</summary>
    Executables,
}

/// <summary>The fixed loopback ports of the machine's servers (containers get theirs from Aspire).</summary>
public sealed record ServerPorts(int Postgres, int RabbitMq, int RabbitMqManagement, int RabbitMqDistribution, int Epmd);

/// <summary>What the servers need from the application that declares them.</summary>
/// <param name="DataDirectory">Where the machine's servers keep their data (<c>postgres</c>, <c>rabbitmq</c>).</param>
/// <param name="WorkingDirectory">Where PostgreSQL's scripts run.</param>
/// <param name="DatabasePassword">The password of a database role, the same from run to run.</param>
public sealed record ServerOptions(
    InfrastructureMode Infrastructure,
    string DataDirectory,
    string WorkingDirectory,
    ServerPorts Ports,
    Func<string, string> DatabasePassword);

/// <summary>The two logins of one database (<see cref="DatabaseProvisioning"/>) as connection strings.</summary>
/// <param name="Runtime">As the application runs on it: the runtime role, which owns nothing.</param>
/// <param name="Owner">As its owner, which applies the migrations.</param>
public sealed record DatabaseLogins(ReferenceExpression Runtime, ReferenceExpression Owner);

/// <summary>PostgreSQL and RabbitMQ as this run declares them, plus RabbitMQ's management endpoint for the operator commands.</summary>
/// <param name="PostgresAddress">Host and port of PostgreSQL as a connection string fragment, without any credentials.</param>
public sealed record Servers(
    IResourceBuilder<IResourceWithConnectionString> Postgres,
    ReferenceExpression PostgresAddress,
    IResourceBuilder<IResourceWithConnectionString> RabbitMq,
    EndpointReference RabbitMqManagement,
    Func<string, string> DatabasePassword)
{
    private readonly SortedSet<string> databases = new(StringComparer.Ordinal);

    /// <summary>The databases whose roles PostgreSQL's <c>postgres-databases</c> check provisions.</summary>
    public IReadOnlyCollection<string> Databases => databases;

    /// <summary>Declares <paramref name="database"/>, provisioned before PostgreSQL reports healthy.</summary>
    public DatabaseLogins AddDatabase(string database)
    {
        databases.Add(database);
        return new DatabaseLogins(Login(database, DatabaseProvisioning.AppRole(database)),
            Login(database, DatabaseProvisioning.OwnerRole(database)));
    }

    private ReferenceExpression Login(string database, string role) => ReferenceExpression.Create(
        $"{PostgresAddress};Username={role};Password={DatabasePassword(role)};Database={database}");
}

public static class ServerResourceExtensions
{
    public const string PostgresName = "postgres";
    public const string RabbitMqName = "rabbitmq";
    public const string ManagementEndpointName = "management";

    /// <summary>
    /// Containers where a container engine answers (<see cref="InfrastructureMode"/> auto or containers), else the
    /// machine's binaries as executable resources: container resources without an engine would hold the whole start.
    /// </summary>
    public static Servers AddServers(this IDistributedApplicationBuilder builder, ServerOptions options) =>
        options.Infrastructure switch
        {
            InfrastructureMode.Containers => builder.AddServerContainers(options),
            InfrastructureMode.Executables => builder.AddLocalServers(options),
            _ => ContainerEngine.Answers(TimeSpan.FromSeconds(10)) ? builder.AddServerContainers(options) : builder.AddLocalServers(options),
        };

    private static Servers AddServerContainers(this IDistributedApplicationBuilder builder, ServerOptions options)
    {
        var postgres = builder.AddPostgres(PostgresName).WithDataVolume("billingone-postgres");
        var endpoint = postgres.Resource.PrimaryEndpoint;
        var rabbitMq = builder.AddRabbitMQ(RabbitMqName).WithDataVolume("billingone-rabbitmq").WithManagementPlugin();
        return builder.WithDatabaseProvisioning(new Servers(postgres,
            ReferenceExpression.Create($"Host={endpoint.Property(EndpointProperty.Host)};Port={endpoint.Property(EndpointProperty.Port)}"),
            rabbitMq, rabbitMq.GetEndpoint(ManagementEndpointName), options.DatabasePassword));
    }

    /// <summary>
    /// PostgreSQL is healthy, and the services that wait for it start, only once every declared database and its
    /// roles exist as <see cref="DatabaseProvisioning"/> describes; the services never see the superuser's credentials.
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
    private static Servers AddLocalServers(this IDistributedApplicationBuilder builder, ServerOptions options)
    {
        // The scripts are copied beside this assembly (Hosting.csproj).
        var scripts = Path.Combine(Path.GetDirectoryName(typeof(Servers).Assembly.Location)!, "hosting-scripts");
        var ports = options.Ports;
        var postgresData = Path.Combine(options.DataDirectory, "postgres");
        var postgresInit = builder.AddExecutable("postgres-init", "bash", options.WorkingDirectory,
            Path.Combine(scripts, "pg-init.sh"), postgresData);
        var postgres = builder.AddResource(new LocalPostgresResource(PostgresName, Path.Combine(scripts, "pg-run.sh"), options.WorkingDirectory))
            .WithArgs(postgresData, ports.Postgres.ToString())
            .WithLoopbackEndpoint(LocalPostgresResource.EndpointName, ports.Postgres)
            .WaitForCompletion(postgresInit)
            .WithHealthCheck("postgres-ready")
            .WithRestartOnCrash();
        var superuser = $"Host=127.0.0.1;Port={ports.Postgres};Username=postgres;Database=postgres;Pooling=false;Timeout=3";
        builder.Services.AddHealthChecks().AddCheck("postgres-ready", new PostgresReadyCheck(superuser));
        builder.Services.AddHostedService(services =>
            new PostgresFastShutdown(postgresData, services.GetRequiredService<ILogger<PostgresFastShutdown>>()));

        var node = RabbitMqNodeFiles.Prepare(Path.Combine(options.DataDirectory, "rabbitmq"), ports);
        var epmd = builder.AddExecutable("epmd", RabbitMqNodeFiles.EpmdPath(), node.Directory, "-port", ports.Epmd.ToString())
            .WithEnvironment("ERL_EPMD_ADDRESS", "127.0.0.1")
            .WithRestartOnCrash();
        var rabbitMq = builder.AddResource(new LocalRabbitMqResource(RabbitMqName, Path.Combine(scripts, "rabbitmq-run.sh"), node.Directory))
            .WithEnvironment(context =>
            {
                foreach (var (name, value) in node.Environment)
                {
                    context.EnvironmentVariables[name] = value;
                }
            })
            .WithLoopbackEndpoint(LocalRabbitMqResource.EndpointName, ports.RabbitMq)
            .WithHttpEndpoint(port: ports.RabbitMqManagement, targetPort: ports.RabbitMqManagement, name: ManagementEndpointName, isProxied: false)
            .WithUrlForEndpoint(ManagementEndpointName, url => url.DisplayText = "RabbitMQ management (guest/guest)")
            .WaitForStart(epmd)
            .WithHealthCheck("rabbitmq-ready")
            .WithRestartOnCrash();
        builder.Services.AddHealthChecks().AddCheck("rabbitmq-ready",
            new RabbitMqReadyCheck(new Uri($"amqp://guest:guest@127.0.0.1:{ports.RabbitMq}/")));
        return builder.WithDatabaseProvisioning(new Servers(postgres,
            ReferenceExpression.Create($"Host=127.0.0.1;Port={ports.Postgres.ToString(CultureInfo.InvariantCulture)}"),
            rabbitMq, rabbitMq.GetEndpoint(ManagementEndpointName), options.DatabasePassword));
    }

    /// <summary>A fixed TCP port on loopback, not proxied: the server itself listens on it.</summary>
    private static IResourceBuilder<T> WithLoopbackEndpoint<T>(this IResourceBuilder<T> resource, string name, int port)
        where T : IResourceWithEndpoints =>
        resource.WithEndpoint(name, endpoint =>
        {
            endpoint.Port = endpoint.TargetPort = port;
            endpoint.UriScheme = "tcp";
            endpoint.IsProxied = false;
        });
}
