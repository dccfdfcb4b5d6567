using BillingOne.BuildingBlocks.Messaging;
using BillingOne.Contracts.Events;
using BillingOne.Subscription.Data;
using Dapper;
using Npgsql;

namespace BillingOne.Subscription.Consumers;

/// <summary>
/// Keeps the RMM's organizations (from reconciliation's device snapshots) as vendor accounts to map to clients, and
/// auto-matches the new ones. A snapshot older than one already applied changes nothing.
/// </summary>
public sealed class DevicesSnapshottedConsumer(NpgsqlDataSource dataSource, IInbox inbox, ClientMappingStore mappings)
    : InboxConsumer<DevicesSnapshotted>(dataSource, inbox)
{
    protected override async Task ApplyAsync(DevicesSnapshotted message, NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        var latest = await connection.ExecuteScalarAsync<DateTime?>(new CommandDefinition("""
            SELECT max(updated_at) FROM vendor_accounts WHERE org_id = @OrgId AND vendor = 'rmm'
            """, new { message.OrgId }, transaction, cancellationToken: cancellationToken));
        if (latest is { } applied && applied > message.TakenAt.UtcDateTime)
        {
            return;
        }
        await mappings.ReplaceRmmOrganizationsAsync(connection, transaction, message, cancellationToken);
    }
}
