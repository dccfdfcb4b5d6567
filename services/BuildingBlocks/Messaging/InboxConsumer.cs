using BillingOne.Contracts.Events;
using MassTransit;
using Npgsql;

namespace BillingOne.BuildingBlocks.Messaging;

/// <summary>
/// A consumer whose effect is applied exactly once per message id: the inbox record and the state change
/// commit together, so a redelivery after a crash or a broker retry finds the record and does nothing. A message its own
/// <see cref="IIntegrationEvent.Validate"/> refuses goes to the error queue before anything is recorded.
/// </summary>
public abstract class InboxConsumer<TMessage>(NpgsqlDataSource dataSource, IInbox inbox) : IConsumer<TMessage>
    where TMessage : class, IIntegrationEvent
{
    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var messageId = context.MessageId
            ?? throw new MessageValidationException($"{typeof(TMessage).Name} arrived without a message id.");
        MessageValidationException.ThrowIfInvalid(context.Message);
        await using var connection = await dataSource.OpenConnectionAsync(context.CancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(context.CancellationToken);
        if (!await inbox.TryRecordAsync(transaction, GetType().FullName!, messageId, context.CancellationToken))
        {
            return;
        }
        await ApplyAsync(context.Message, transaction, context.CancellationToken);
        await transaction.CommitAsync(context.CancellationToken);
    }

    /// <summary>Changes state for one message, inside the transaction that records it in the inbox.</summary>
    protected abstract Task ApplyAsync(TMessage message, NpgsqlTransaction transaction, CancellationToken cancellationToken);
}
