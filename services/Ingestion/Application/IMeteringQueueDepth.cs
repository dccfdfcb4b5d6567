namespace BillingOne.Ingestion.Application;

/// <summary>Messages waiting in metering's readings queue.</summary>
public interface IMeteringQueueDepth
{
    /// <summary>The ready messages in the queue; 0 while the queue does not exist yet.</summary>
    Task<long> CountAsync(CancellationToken cancellationToken);
}
