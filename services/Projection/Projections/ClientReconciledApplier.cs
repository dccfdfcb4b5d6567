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

    public override void Validate(ClientReconciled message)
    {
        Require(message.OrgId != Guid.Empty && message.ClientId != Guid.Empty, "must carry an organization id and a client id.");
        Require(message.Version >= 1, $"for client {message.ClientId} has version {message.Version}; versions start at 1.");
        Require(ClientBillingStatuses.FromCode(message.Status)?.ToCode() == message.Status,
            $"has status '{message.Status}'; it is one of {string.Join(", ", ClientBillingStatuses.AllCodes)}.");
        Require(message.Devices is null or >= 0, "has a negative device count.");
        Require(message.Currency is null || IsCurrencyCode(message.Currency), $"has currency '{message.Currency}', not an ISO 4217 code.");
    }

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
