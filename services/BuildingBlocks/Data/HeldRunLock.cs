using Dapper;
using Npgsql;

namespace BillingOne.BuildingBlocks.Data;

/// <summary>
/// A run's advisory lock, held in a transaction of its own on a connection of its own for as long as the run works,
/// so that any process can tell a live run (its lock taken) from one whose process died (its lock free:
/// <c>pg_try_advisory_xact_lock</c> succeeds). A transaction-level lock, unlike a session lock, cannot outlive its
/// holder in a pooled connection. Disposing ends the transaction and so releases the lock.
/// </summary>
public sealed class HeldRunLock : IAsyncDisposable
{
    private readonly NpgsqlConnection holder;
    private readonly NpgsqlTransaction holding;

    private HeldRunLock(NpgsqlConnection holder, NpgsqlTransaction holding)
    {
        this.holder = holder;
        this.holding = holding;
    }

    /// <summary>Waits for and takes the lock whose key <paramref name="lockKeySql"/> computes from its parameters.</summary>
    public static async Task<HeldRunLock> AcquireAsync(NpgsqlDataSource dataSource, string lockKeySql, object parameters,
        CancellationToken cancellationToken)
    {
        var holder = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var holding = await holder.BeginTransactionAsync(cancellationToken);
            await holder.ExecuteAsync(new CommandDefinition($"SELECT pg_advisory_xact_lock({lockKeySql})", parameters,
                holding, cancellationToken: cancellationToken));
            return new HeldRunLock(holder, holding);
        }
        catch
        {
            await holder.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await holding.DisposeAsync();
        await holder.DisposeAsync();
    }
}
