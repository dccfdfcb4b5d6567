using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using RabbitMQ.Client;

namespace BillingOne.Hosting;

/// <summary>Healthy once PostgreSQL answers a query: services wait for it before they migrate.</summary>
public sealed class PostgresReadyCheck(string connectionString) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL does not answer yet", exception);
        }
    }
}

/// <summary>Healthy once RabbitMQ accepts an AMQP connection.</summary>
public sealed class RabbitMqReadyCheck(Uri amqpUri) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var factory = new ConnectionFactory { Uri = amqpUri, RequestedConnectionTimeout = TimeSpan.FromSeconds(3) };
            await using var connection = await factory.CreateConnectionAsync("billingone-apphost-health", cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is RabbitMQ.Client.Exceptions.BrokerUnreachableException
                                              or IOException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("RabbitMQ does not accept connections yet", exception);
        }
    }
}

/// <summary>
/// Healthy once every declared database and its roles are provisioned (<see cref="DatabaseProvisioning"/>), with the
/// server's superuser connection, which only the AppHost holds. Done once per AppHost run: the roles outlive a
/// restart of the server.
/// </summary>
public sealed class DatabaseProvisioningCheck(Servers servers) : IHealthCheck
{
    private volatile bool provisioned;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (provisioned)
        {
            return HealthCheckResult.Healthy();
        }
        try
        {
            var superuser = await servers.Postgres.Resource.ConnectionStringExpression.GetValueAsync(cancellationToken)
                ?? throw new InvalidOperationException("PostgreSQL has no connection string yet.");
            foreach (var database in servers.Databases)
            {
                await DatabaseProvisioning.ProvisionAsync(superuser, database,
                    servers.DatabasePassword(DatabaseProvisioning.OwnerRole(database)),
                    servers.DatabasePassword(DatabaseProvisioning.AppRole(database)), cancellationToken);
            }
            provisioned = true;
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("The services' databases and roles are not provisioned yet", exception);
        }
    }
}
