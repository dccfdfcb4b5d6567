namespace BillingOne.Testing.Servers;

/// <summary>
/// The PostgreSQL and RabbitMQ servers a test run works against. Each test class takes a database and a virtual host
/// of its own, so classes never see each other's data and run in parallel.
/// </summary>
public interface ITestServers
{
    /// <summary>Connection string to the server's <c>postgres</c> database, for work that is not a test class's own.</summary>
    string PostgresServerConnectionString { get; }

    /// <summary>The RabbitMQ management API, reachable with the credentials of the amqp URIs handed out.</summary>
    Uri RabbitMqManagementUri { get; }

    /// <summary>Creates an empty database and returns its connection string, as the server's superuser.</summary>
    Task<string> CreateDatabaseAsync(string prefix);

    /// <summary>
    /// Creates an empty database as the AppHost and the deployment do: owned by its own owner role, which runs the
    /// migrations, and used by a runtime role that is granted only what the migrations give it.
    /// </summary>
    Task<ServiceDatabase> CreateServiceDatabaseAsync(string prefix);

    /// <summary>Creates a virtual host the returned amqp:// URI's user may use, and returns that URI.</summary>
    Task<Uri> CreateVirtualHostAsync(string prefix);
}

/// <param name="ConnectionString">As the service runs: its runtime role, which owns nothing.</param>
/// <param name="OwnerConnectionString">As the database's owner: the migrations, and tests arranging or checking rows.</param>
public sealed record ServiceDatabase(string ConnectionString, string OwnerConnectionString);
