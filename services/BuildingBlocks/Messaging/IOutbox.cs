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

    /// <summary>
    /// Adds <paramref name="messages"/> to the outbox in one round trip, published in this order, like
    /// <see cref="EnqueueAsync{T}"/>. Returns their message ids in the same order.
    /// </summary>
    Task<IReadOnlyList<Guid>> EnqueueAllAsync<T>(NpgsqlTransaction transaction, IReadOnlyList<T> messages,
        CancellationToken cancellationToken = default)
        where T : class;
}
