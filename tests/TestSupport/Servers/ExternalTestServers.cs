namespace BillingOne.Testing.Servers;

/// <summary>Servers the test command brought along, given by environment variables; nothing is started.</summary>
public sealed class ExternalTestServers : TestServersBase
{
    public const string PostgresVariable = "BILLINGONE_TEST_POSTGRES";
    public const string RabbitMqVariable = "BILLINGONE_TEST_RABBITMQ";
    public const string ManagementVariable = "BILLINGONE_TEST_RABBITMQ_MANAGEMENT";

    private ExternalTestServers(string postgres, Uri rabbitMq, Uri management)
        : base(postgres, rabbitMq, management)
    {
    }

    /// <summary>
    /// The servers named by <see cref="PostgresVariable"/> (connection string), <see cref="RabbitMqVariable"/> (amqp
    /// URI) and <see cref="ManagementVariable"/> (management URL); null unless all three are set.
    /// </summary>
    public static ExternalTestServers? FromEnvironment()
    {
        var postgres = Environment.GetEnvironmentVariable(PostgresVariable);
        var rabbitMq = Environment.GetEnvironmentVariable(RabbitMqVariable);
        var management = Environment.GetEnvironmentVariable(ManagementVariable);
        return string.IsNullOrEmpty(postgres) || string.IsNullOrEmpty(rabbitMq) || string.IsNullOrEmpty(management)
            ? null
            : new ExternalTestServers(postgres, new Uri(rabbitMq), new Uri(management));
    }
}
