using BillingOne.BuildingBlocks.Messaging;
using BillingOne.Contracts.Events;
using BillingOne.Metering.Data;
using Npgsql;

namespace BillingOne.Metering.Consumers;

/// <summary>
/// Keeps metering's copy of the organizations' billing grace days in step with identity, where they are set; the
/// billing scheduler finalizes months by it. The inbox makes a redelivery a no-op, the version an older event.
/// </summary>
public sealed partial class OrganizationChangedConsumer(
    NpgsqlDataSource dataSource,
    IInbox inbox,
    OrganizationCopyStore organizations,
    ILogger<OrganizationChangedConsumer> logger) : InboxConsumer<OrganizationChanged>(dataSource, inbox)
{
    protected override async Task ApplyAsync(OrganizationChanged message, NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
    {
        if (await organizations.UpsertIfNewerAsync(transaction, message, cancellationToken))
        {
            LogApplied(message.OrgId, message.Version, message.BillingGraceDays);
        }
        else
        {
            LogStale(message.OrgId, message.Version);
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Organization {OrgId} version {Version} applied: {GraceDays} billing grace days")]
    private partial void LogApplied(Guid orgId, long version, int graceDays);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Organization {OrgId} version {Version} ignored: the copy already holds that version or a newer one")]
    private partial void LogStale(Guid orgId, long version);
}
