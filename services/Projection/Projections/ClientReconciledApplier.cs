using BillingOne.Contracts.Events;
using BillingOne.Projection.Domain;
using Dapper;
using Npgsql;

namespace BillingOne.Projection.Projections;

/// <summary>
/// A client's devices, device licences (its least-covered product's quantity), variance, status, snapshot time and open
/// missed billing, all as reconciliation compared them. The row may come before the client's
/// ClientUpserted: it then waits, unnamed and unshown, for it.
/// </summary>
public sealed class ClientReconciledApplier : EventApplier<ClientReconciled>
{
    public override Guid OrgIdOf(ClientReconciled message) => message.OrgId;

    public override Task ApplyAsync(NpgsqlTransaction transaction, ClientReconciled reconciled, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition("""
            INSERT INTO client_billing_snapshots (org_id, client_id, name, enabled, time_zone, client_version, device_count,
                license_count, variance, status, snapshot_taken_at, missed_billing_open, missed_billing_currency, reconciled_version,
                updated_at)
            VALUES (@OrgId, @ClientId, '', false, '', 0, @devices, @DeviceLicenses, @Variance, @Status, @SnapshotTakenAt, @MissedBillingOpen,
                @Currency, @Version, @ReconciledAt)
            ON CONFLICT (org_id, client_id) DO UPDATE
            SET device_count = excluded.device_count, license_count = excluded.license_count,
                variance = excluded.variance, status = excluded.status,
                snapshot_taken_at = excluded.snapshot_taken_at, missed_billing_open = excluded.missed_billing_open,
                missed_billing_currency = excluded.missed_billing_currency,
                reconciled_version = excluded.reconciled_version,
                updated_at = greatest(client_billing_snapshots.updated_at, excluded.updated_at)
            WHERE client_billing_snapshots.reconciled_version < excluded.reconciled_version
            """, new
        {
            reconciled.OrgId, reconciled.ClientId, devices = reconciled.Devices ?? 0, reconciled.DeviceLicenses,
            reconciled.Variance, reconciled.Status,
            reconciled.SnapshotTakenAt, reconciled.MissedBillingOpen, reconciled.Currency, reconciled.Version,
            reconciled.ReconciledAt,
        }, transaction, cancellationToken: cancellationToken));
}
