using Testcontainers.PostgreSql;
using Testcontainers.RabbitMq;

namespace BillingOne.Testing.Servers;

/// <summary>
/// PostgreSQL and RabbitMQ in containers of this test process, through Testcontainers. They are not stopped here:
/// Testcontainers' reaper removes them when the process ends, which is when the last test class is done with them.
/// </summary>
public sealed class ContainerTestServers : TestServersBase
{
    private const int ManagementPort = 15672;

    private ContainerTestServers(PostgreSqlContainer postgres, RabbitMqContainer rabbitMq)
        : base(postgres.GetConnectionString(), new Uri(rabbitMq.GetConnectionString()),
            new UriBuilder(Uri.UriSchemeHttp, rabbitMq.Hostname, rabbitMq.GetMappedPublicPort(ManagementPort)).Uri)
    {
    }

    public static async Task<ContainerTestServers> StartAsync()
    {
        // Test classes of one process share the server, each with its own connection pools: the native server's
        // connection limit, not PostgreSQL's default of 100.
        var postgres = new PostgreSqlBuilder("postgres:15").WithCommand("-c", "max_connections=300").Build();
        // The management image: virtual hosts are created through its API.
        var rabbitMq = new RabbitMqBuilder("rabbitmq:3-management").WithPortBinding(ManagementPort, true).Build();
        await Task.WhenAll(postgres.StartAsync(), rabbitMq.StartAsync());
        return new ContainerTestServers(postgres, rabbitMq);
    }
}
