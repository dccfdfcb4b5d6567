using Npgsql;

namespace BillingOne.BuildingBlocks.Integrations;

/// <summary>
/// A claimed sync run: holds the run's advisory lock (see <see cref="SyncRunStore.ClaimNextAsync"/>) until disposed.
/// Dispose it after the run's outcome is recorded, so no sweep finds the lock free while the run still shows running.
/// </summary>
public sealed class SyncRunLease(SyncRun run, NpgsqlConnection holder, NpgsqlTransaction holding) : IAsyncDisposable
{
    public SyncRun Run { get; } = run;

    public async ValueTask DisposeAsync()
    {
        await holding.DisposeAsync();
        await holder.DisposeAsync();
    }
}
