using BillingOne.BuildingBlocks.Messaging;
using BillingOne.Contracts.Events;
using BillingOne.Ingestion.Data;
using Npgsql;

namespace BillingOne.Ingestion.Consumers;

/// <summary>
/// Keeps the unit type keys readings may name in step with metering. The inbox makes a redelivery a no-op; the
/// change time makes an older event arriving after a newer one a no-op.
/// </summary>
public sealed partial class UnitTypeChangedConsumer(
    NpgsqlDataSource dataSource,
    IInbox inbox,
    UnitTypeKeyStore unitTypeKeys,
    ILogger<UnitTypeChangedConsumer> logger) : InboxConsumer<UnitTypeChanged>(dataSource, inbox)
{
    protected override async Task ApplyAsync(UnitTypeChanged message, NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
    {
        if (await unitTypeKeys.ApplyAsync(transaction, message, cancellationToken))
        {
            LogApplied(message.UnitTypeId, message.Key, message.Deleted, message.OrgId);
        }
        else
        {
            LogStale(message.UnitTypeId, message.ChangedAt);
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Unit type {UnitTypeId} key {Key} (deleted: {Deleted}) recorded for organization {OrgId}")]
    private partial void LogApplied(Guid unitTypeId, string key, bool deleted, Guid orgId);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Unit type {UnitTypeId} change of {ChangedAt} ignored: a later change is already recorded")]
    private partial void LogStale(Guid unitTypeId, DateTimeOffset changedAt);
}
