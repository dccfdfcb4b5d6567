using MassTransit;
using Npgsql;

namespace BillingOne.BuildingBlocks.Messaging;

/// <summary>
/// A consumer whose effect is applied exactly once per message id: the inbox record and the state change
/// commit together, so a redelivery after a crash or a broker retry finds the record and does nothing.
/// </summary>
public abstract class InboxConsumer<TMessage>(NpgsqlDataSource dataSource, IInbox inbox) : IConsumer<TMessage>
    where TMessage : class
{
    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var messageId = context.MessageId
            ?? throw new MessageValidationException($"{typeof(TMessage).Name} arrived without a message id.");
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
