using BillingOne.BuildingBlocks.Messaging;
using BillingOne.Contracts.Events;
using BillingOne.Projection.Data;
using BillingOne.Projection.Projections;
using MassTransit;
using Npgsql;

namespace BillingOne.Projection.Consumers;

/// <summary>
/// Logs an event and applies it to the read models in one transaction. The log's unique message id makes a
/// redelivery a no-op; an invalid event is refused before it is logged (it goes to the error queue).
/// </summary>
public abstract class ProjectedEventConsumer<TEvent>(
    NpgsqlDataSource dataSource, ProjectionEventLog eventLog, EventApplier<TEvent> applier) : IConsumer<TEvent>
    where TEvent : class, IIntegrationEvent
{
    public async Task Consume(ConsumeContext<TEvent> context)
    {
        var message = context.Message;
        var messageId = context.MessageId
            ?? throw new MessageValidationException($"{typeof(TEvent).Name} arrived without a message id.");
        MessageValidationException.ThrowIfInvalid(message);
        var orgId = applier.OrgIdOf(message);
        await using var connection = await dataSource.OpenConnectionAsync(context.CancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(context.CancellationToken);
        await ProjectionEventLog.LockSharedAsync(transaction, orgId, context.CancellationToken);
        if (!await eventLog.AppendAsync(transaction, orgId, messageId, message, context.CancellationToken))
        {
            return;
        }
        await applier.ApplyAsync(transaction, message, context.CancellationToken);
        await AppliedAsync(transaction, message, context.CancellationToken);
        await transaction.CommitAsync(context.CancellationToken);
    }

    /// <summary>
    /// What follows a live apply in its transaction: read models derived from the applied ones are brought up to date
    /// here, not in the applier, so a rebuild replays the events alone and derives once at the end.
    /// </summary>
    protected virtual Task AppliedAsync(NpgsqlTransaction transaction, TEvent message, CancellationToken cancellationToken) =>
        Task.CompletedTask;
}
