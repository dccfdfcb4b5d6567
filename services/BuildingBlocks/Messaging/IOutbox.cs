using Npgsql;

namespace BillingOne.BuildingBlocks.Messaging;

/// <summary>Stores integration events in the transaction of the state change that raises them.</summary>
public interface IOutbox
{
    /// <summary>
    /// Adds <paramref name="message"/> to the outbox inside <paramref name="transaction"/>; it is published
    /// only if that transaction commits. Returns the message id the consumers will see.
    /// </summary>
    Task<Guid> EnqueueAsync<T>(NpgsqlTransaction transaction, T message, CancellationToken cancellationToken = default)
        where T : class;
}
