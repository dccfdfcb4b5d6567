using BillingOne.BuildingBlocks.Messaging;
using BillingOne.Contracts.Events;
using BillingOne.Projection.Data;
using MassTransit;

namespace BillingOne.Projection.Consumers;

/// <summary>
/// Keeps the organization-wide Audit Log. The entry's own key makes the insert idempotent, so this consumer needs
/// no inbox record: applying a redelivery changes nothing.
/// </summary>
public sealed class AuditEntryRecordedConsumer(AuditEntryStore store) : IConsumer<AuditEntryRecorded>
{
    public Task Consume(ConsumeContext<AuditEntryRecorded> context)
    {
        var entry = context.Message;
        MessageValidationException.ThrowIfInvalid(entry);
        return store.AddAsync(entry, context.CancellationToken);
    }
}
