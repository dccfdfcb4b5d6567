namespace BillingOne.AppHost.Configuration;

/// <summary>
/// PostgreSQL for this run: the server-level connection string given in <c>ConnectionStrings:postgres</c>,
/// or a private server the AppHost starts on <see cref="Port"/> with its data in <see cref="DataDirectory"/>.
/// </summary>
public sealed record PostgresPlan(string? ExternalConnectionString, int Port, string DataDirectory)
{
    public bool IsExternal => ExternalConnectionString is not null;
}

/// <summary>
/// RabbitMQ for this run: the AMQP URI in <c>ConnectionStrings:rabbitmq</c> (plus, optionally, its management
/// API in <c>AppHost:RabbitMqManagementUri</c>), or a private node the AppHost starts.
/// </summary>
public sealed record RabbitMqPlan(
    Uri? ExternalAmqpUri,
    Uri? ExternalManagementUri,
    int AmqpPort,
    int ManagementPort,
    string BaseDirectory,
    string NodeName)
{
    public bool IsExternal => ExternalAmqpUri is not null;
}
