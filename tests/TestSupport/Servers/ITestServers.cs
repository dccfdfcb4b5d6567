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

    /// <summary>Creates an empty database and returns its connection string.</summary>
    Task<string> CreateDatabaseAsync(string prefix);

    /// <summary>Creates a virtual host the returned amqp:// URI's user may use, and returns that URI.</summary>
    Task<Uri> CreateVirtualHostAsync(string prefix);
}
