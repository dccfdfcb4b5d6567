using System.Text.Json;
using BillingOne.Contracts.Events;
using BillingOne.Projection.Data;
using Npgsql;

namespace BillingOne.Projection.Projections;

/// <summary>Applies one logged event, by its type's name: what the rebuild replays with.</summary>
public interface IEventApplier
{
    string EventType { get; }

    Task ApplyLoggedAsync(NpgsqlTransaction transaction, string payload, CancellationToken cancellationToken);
}

/// <summary>
/// How one event type changes the read models, the same live (its consumer) and in a rebuild. Every apply keeps the
/// highest version, so events arriving out of order, twice or replayed leave the same read models.
/// </summary>
public abstract class EventApplier<TEvent> : IEventApplier where TEvent : class, IIntegrationEvent
{
    public string EventType => typeof(TEvent).Name;

    /// <summary>The organization whose read models the event changes.</summary>
    public abstract Guid OrgIdOf(TEvent message);

    public abstract Task ApplyAsync(NpgsqlTransaction transaction, TEvent message, CancellationToken cancellationToken);

    public Task ApplyLoggedAsync(NpgsqlTransaction transaction, string payload, CancellationToken cancellationToken) =>
        ApplyAsync(transaction, JsonSerializer.Deserialize<TEvent>(payload, ProjectionEventLog.Json)
            ?? throw new InvalidOperationException($"A logged {EventType} has an empty payload."), cancellationToken);
}
