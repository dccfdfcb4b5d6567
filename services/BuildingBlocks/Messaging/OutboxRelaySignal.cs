namespace BillingOne.BuildingBlocks.Messaging;

/// <summary>Wakes the relay as soon as this process enqueues a message, instead of at the next poll.</summary>
public sealed class OutboxRelaySignal
{
    private readonly SemaphoreSlim signal = new(0, 1);

    public void Notify()
    {
        if (signal.CurrentCount == 0)
        {
            try
            {
                signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another thread signalled first: the relay is already awake.
            }
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        signal.WaitAsync(timeout, cancellationToken);
}
