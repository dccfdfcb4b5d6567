using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace BillingOne.AppHost.Infrastructure;

/// <summary>
/// Writes PostgreSQL's dirty buffers out while the AppHost begins to stop, before any resource is stopped: the server's
/// own shutdown checkpoint then has almost nothing left to write, and ends well inside the few seconds the orchestrator
/// allows a stopping executable before it kills it (on a slow disk, up to shared_buffers of dirty pages would not).
/// </summary>
public sealed class PostgresStopCheckpoint(string connectionString, ILogger<PostgresStopCheckpoint> logger) : IHostedLifecycleService
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(Bound);
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(bounded.Token);
            await using var checkpoint = new NpgsqlCommand("CHECKPOINT", connection) { CommandTimeout = (int)Bound.TotalSeconds };
            await checkpoint.ExecuteNonQueryAsync(bounded.Token);
            logger.LogInformation("PostgreSQL checkpointed before the resources stop");
        }
        catch (Exception exception) when (exception is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            // A server that is down or slow is stopped as it is: its own shutdown (or recovery at the next start) covers it.
            logger.LogWarning("PostgreSQL could not be checkpointed before stopping: {Reason}", exception.Message);
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
