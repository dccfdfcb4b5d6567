using BillingOne.BuildingBlocks.Data;

namespace BillingOne.BuildingBlocks.Integrations;

/// <summary>
/// A claimed sync run: holds the run's advisory lock (see <see cref="SyncRunStore.ClaimNextAsync"/>) until disposed.
/// Dispose it after the run's outcome is recorded, so no sweep finds the lock free while the run still shows running.
/// </summary>
public sealed class SyncRunLease(SyncRun run, HeldRunLock runLock) : IAsyncDisposable
{
    public SyncRun Run { get; } = run;

    public ValueTask DisposeAsync() => runLock.DisposeAsync();
}
