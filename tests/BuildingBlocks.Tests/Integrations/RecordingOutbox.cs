using System.Collections.Concurrent;
using BillingOne.BuildingBlocks.Messaging;
using Npgsql;

namespace BillingOne.BuildingBlocks.Tests.Integrations;

/// <summary>An outbox that keeps what a store enqueues, for tests of the store rather than of the relay.</summary>
internal sealed class RecordingOutbox : IOutbox
{
    public ConcurrentQueue<object> Messages { get; } = new();

    public Task<Guid> EnqueueAsync<T>(NpgsqlTransaction transaction, T message, CancellationToken cancellationToken = default)
        where T : class
    {
        Messages.Enqueue(message);
        return Task.FromResult(Guid.NewGuid());
    }

    public async Task<IReadOnlyList<Guid>> EnqueueAllAsync<T>(NpgsqlTransaction transaction, IReadOnlyList<T> messages,
        CancellationToken cancellationToken = default)
        where T : class
    {
        var ids = new List<Guid>();
        foreach (var message in messages)
        {
            ids.Add(await EnqueueAsync(transaction, message, cancellationToken));
        }
        return ids;
    }
}
