using BillingOne.SystemDriver;
using Microsoft.Extensions.Logging.Abstractions;

namespace BillingOne.Testing.Servers;

/// <summary>
/// The machine's own PostgreSQL and RabbitMQ, run privately on loopback under one directory: one pair shared by every
/// test process of the checkout, started by the first under a file lock and left running for the next run.
/// </summary>
public sealed class NativeTestServers : TestServersBase
{
    private NativeTestServers(PostgresServer postgres, RabbitMqServer rabbitMq)
        : base(postgres.ConnectionString("postgres"), rabbitMq.AmqpUri(), rabbitMq.ManagementUri)
    {
    }

    /// <summary>Starts the pair kept in <paramref name="directory"/>, or finds it running.</summary>
    public static async Task<NativeTestServers> StartAsync(string directory)
    {
        Directory.CreateDirectory(directory);
        await using var startLock = await AcquireLockAsync(Path.Combine(directory, "start.lock"));
        var logger = NullLogger.Instance;
        var postgres = await PostgresServer.StartAsync(
            new PostgresServerOptions(Path.Combine(directory, "postgres"), LoopbackPorts.GetFree(), Durable: false), logger);
        var rabbitMq = await RabbitMqServer.StartAsync(
            new RabbitMqServerOptions(Path.Combine(directory, "rabbitmq"), "billingone-tests",
                LoopbackPorts.GetFree(), LoopbackPorts.GetFree()), logger);
        return new NativeTestServers(postgres, rabbitMq);
    }

    /// <summary>Test assemblies run as parallel processes: only one of them may start the servers.</summary>
    private static async Task<FileStream> AcquireLockAsync(string path)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }
}
