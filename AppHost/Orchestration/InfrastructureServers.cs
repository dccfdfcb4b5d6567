using BillingOne.AppHost.Configuration;
using BillingOne.AppHost.LocalServers;
using BillingOne.AppHost.Resources;
using BillingOne.AppHost.Supervision;
using Microsoft.Extensions.Logging;

namespace BillingOne.AppHost.Orchestration;

/// <summary>
/// PostgreSQL and RabbitMQ for this run: private servers started from the machine's binaries under the data
/// folder, or the external servers given by connection string (which the AppHost never stops).
/// </summary>
public sealed class InfrastructureServers
{
    public const string PostgresName = "postgres";
    public const string RabbitMqName = "rabbitmq";

    private readonly AppHostPlan _plan;
    private readonly FailureLog _failures;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly ServerResource _postgresResource;
    private readonly ServerResource _rabbitMqResource;
    private PostgresServer? _postgres;
    private RabbitMqServer? _rabbitMq;

    public InfrastructureServers(AppHostPlan plan, ResourceRegistry registry, FailureLog failures, ILoggerFactory loggerFactory)
    {
        _plan = plan;
        _failures = failures;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<InfrastructureServers>();
        _postgresResource = new ServerResource(PostgresName, KindOf(plan.Postgres.IsExternal), plan.Supervision.LogCapacity);
        _rabbitMqResource = new ServerResource(RabbitMqName, KindOf(plan.RabbitMq.IsExternal), plan.Supervision.LogCapacity);
        registry.Add(_postgresResource);
        registry.Add(_rabbitMqResource);
    }

    /// <summary>Set once both servers are up.</summary>
    public InfrastructureConnections? Connections { get; private set; }

    /// <summary>Set once RabbitMQ is up.</summary>
    public RabbitMqAccess? RabbitMq { get; private set; }

    public async Task<InfrastructureConnections> StartAsync(CancellationToken cancellationToken)
    {
        var postgres = StartPostgresAsync(cancellationToken);
        var rabbitMq = StartRabbitMqAsync(cancellationToken);
        await Task.WhenAll(postgres, rabbitMq);
        Connections = new InfrastructureConnections(await postgres, (await rabbitMq).AmqpUriFor("/"));
        return Connections;
    }

    /// <summary>Stops the servers this run started; external ones are left alone.</summary>
    public async Task StopAsync()
    {
        if (_rabbitMq is not null)
        {
            await StopQuietlyAsync(_rabbitMqResource, _rabbitMq.StopAsync);
            _rabbitMq = null;
        }
        if (_postgres is not null)
        {
            await StopQuietlyAsync(_postgresResource, _postgres.StopAsync);
            _postgres = null;
        }
    }

    private async Task<Func<string, string>> StartPostgresAsync(CancellationToken cancellationToken)
    {
        var settings = _plan.Postgres;
        if (settings.ExternalConnectionString is { } external)
        {
            _postgresResource.MarkRunning("external server (ConnectionStrings:postgres)", []);
            return database => AppHostPlan.WithDatabase(external, database);
        }

        try
        {
            var logger = new OutputCapturingLogger(_loggerFactory.CreateLogger<PostgresServer>(), _postgresResource.Output);
            _postgres = await PostgresServer.StartAsync(
                new PostgresServerOptions(settings.DataDirectory, settings.Port), logger, cancellationToken);
            _postgresResource.MarkRunning(
                $"private server on 127.0.0.1:{_postgres.Port} (user postgres, trust auth), data in {settings.DataDirectory}",
                [new Uri($"postgresql://127.0.0.1:{_postgres.Port}/")]);
            var server = _postgres;
            return server.ConnectionString;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            throw Failed(_postgresResource, "PostgreSQL", exception);
        }
    }

    private async Task<RabbitMqAccess> StartRabbitMqAsync(CancellationToken cancellationToken)
    {
        var settings = _plan.RabbitMq;
        if (settings.ExternalAmqpUri is { } external)
        {
            RabbitMq = new RabbitMqAccess(
                virtualHost => RabbitMqAccess.ForVirtualHost(external, virtualHost),
                settings.ExternalManagementUri is { } management ? RabbitMqAccess.WithoutCredentials(management) : null,
                settings.ExternalManagementUri is { } withCredentials
                    ? RabbitMqAccess.CredentialsOf(withCredentials)
                    : RabbitMqAccess.CredentialsOf(external));
            _rabbitMqResource.MarkRunning("external server (ConnectionStrings:rabbitmq)",
                [RabbitMqAccess.WithoutCredentials(external), .. RabbitMq.ManagementUri is { } uri ? [uri] : Array.Empty<Uri>()]);
            return RabbitMq;
        }

        try
        {
            var logger = new OutputCapturingLogger(_loggerFactory.CreateLogger<RabbitMqServer>(), _rabbitMqResource.Output);
            _rabbitMq = await RabbitMqServer.StartAsync(
                new RabbitMqServerOptions(settings.BaseDirectory, settings.NodeName, settings.AmqpPort, settings.ManagementPort),
                logger, cancellationToken);
            var server = _rabbitMq;
            RabbitMq = new RabbitMqAccess(server.AmqpUri, server.ManagementUri, RabbitMqAccess.CredentialsOf(server.ManagementUri));
            _rabbitMqResource.MarkRunning(
                $"private node {server.NodeName} (user guest/guest), data in {settings.BaseDirectory}",
                [RabbitMqAccess.WithoutCredentials(server.AmqpUri("/")), server.ManagementUri]);
            return RabbitMq;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            throw Failed(_rabbitMqResource, "RabbitMQ", exception);
        }
    }

    private InvalidOperationException Failed(ServerResource resource, string server, Exception exception)
    {
        var detail = $"{server} did not start: {exception.Message}";
        resource.MarkFailed(detail);
        _failures.Record(new FailureRecord(DateTimeOffset.UtcNow, resource.Name, FailureKind.InfrastructureFailed, detail));
        return new InvalidOperationException(detail, exception);
    }

    private async Task StopQuietlyAsync(ServerResource resource, Func<Task> stop)
    {
        try
        {
            await stop();
            resource.MarkStopped();
        }
        catch (Exception exception)
        {
            // Shutdown goes on: the other server and the data folder still deserve a clean stop.
            _logger.LogError(exception, "Could not stop {Resource}", resource.Name);
            resource.MarkFailed($"could not stop: {exception.Message}");
        }
    }

    private static ResourceKind KindOf(bool external) => external ? ResourceKind.ExternalServer : ResourceKind.PrivateServer;
}
