using System.Text.Json;
using BillingOne.BuildingBlocks.Messaging;
using BillingOne.Contracts.Money;
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
public abstract class EventApplier<TEvent> : IEventApplier where TEvent : class
{
    public string EventType => typeof(TEvent).Name;

    /// <summary>The organization whose read models the event changes.</summary>
    public abstract Guid OrgIdOf(TEvent message);

    /// <summary>Throws <see cref="MessageValidationException"/> for an event the read models cannot take.</summary>
    public abstract void Validate(TEvent message);

    public abstract Task ApplyAsync(NpgsqlTransaction transaction, TEvent message, CancellationToken cancellationToken);

    public Task ApplyLoggedAsync(NpgsqlTransaction transaction, string payload, CancellationToken cancellationToken) =>
        ApplyAsync(transaction, JsonSerializer.Deserialize<TEvent>(payload, ProjectionEventLog.Json)
            ?? throw new InvalidOperationException($"A logged {EventType} has an empty payload."), cancellationToken);

    /// <summary>An ISO 4217 code written as the read models store it (upper case).</summary>
    protected static bool IsCurrencyCode(string? code) => Iso4217.TryNormalize(code, out var normalized) && normalized == code;

    protected static void Require(bool condition, string problem)
    {
        if (!condition)
        {
            throw new MessageValidationException($"{typeof(TEvent).Name} {problem}");
        }
    }
}
