using BillingOne.BuildingBlocks.Messaging;
using BillingOne.Contracts.Events;
using Dapper;
using Npgsql;

namespace BillingOne.Projection.Projections;

/// <summary>The client's identity (name, enabled, time zone) on its Clients screen row; the figures are left as they are.</summary>
public sealed class ClientUpsertedApplier : EventApplier<ClientUpserted>
{
    public override Guid OrgIdOf(ClientUpserted message) => message.OrgId;

    public override Task ApplyAsync(NpgsqlTransaction transaction, ClientUpserted client, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition("""
            INSERT INTO client_billing_snapshots (org_id, client_id, name, enabled, time_zone, client_version, updated_at)
            VALUES (@OrgId, @ClientId, @Name, @Enabled, @TimeZone, @Version, @UpdatedAt)
            ON CONFLICT (org_id, client_id) DO UPDATE
            SET name = excluded.name, enabled = excluded.enabled, time_zone = excluded.time_zone,
                client_version = excluded.client_version,
                updated_at = greatest(client_billing_snapshots.updated_at, excluded.updated_at)
            WHERE client_billing_snapshots.client_version < excluded.client_version
            """, new { client.OrgId, client.ClientId, client.Name, client.Enabled, client.TimeZone, client.Version, client.UpdatedAt },
            transaction, cancellationToken: cancellationToken));
}
