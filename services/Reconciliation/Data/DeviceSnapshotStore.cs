using BillingOne.BuildingBlocks.Integrations;
using BillingOne.BuildingBlocks.Messaging;
using BillingOne.Contracts.Events;
using BillingOne.Reconciliation.Application;
using BillingOne.Reconciliation.Connectors.Rmm;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace BillingOne.Reconciliation.Data;

/// <summary>What applying one complete read of an RMM changed, and the snapshot it took.</summary>
public sealed record AppliedSnapshot(SyncCounts Organizations, SyncCounts Devices, DevicesSnapshotted Snapshot);

/// <summary>
/// Applies a complete read of an organization's RMM in one transaction: the organizations and devices (staged with
/// binary COPY, then merged with set-based statements), a device snapshot and its <see cref="DevicesSnapshotted"/>
/// event, which counts the managed devices (neither retired nor awaiting approval). Rows of another vendor the
/// organization used before count as removed. The snapshot also keeps each client's devices (with the mappings and
/// device licences of that moment) for its history, and the clients are compared again.
/// </summary>
public sealed class DeviceSnapshotStore(NpgsqlDataSource dataSource, IOutbox outbox, ClientReconciler reconciler,
    TimeProvider clock)
{
    public async Task<AppliedSnapshot> ApplyAsync(Guid orgId, Guid syncRunId, RmmVendor vendor,
        IReadOnlyCollection<RmmOrganization> organizations, IReadOnlyCollection<RmmDevice> devices,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await StageAsync(connection, organizations, devices, cancellationToken);
        var parameters = new { orgId, vendor = vendor.Key(), now = clock.GetUtcNow(), snapshotId = Guid.CreateVersion7(), syncRunId };

        // Counted before the merge changes what they compare with.
        var organizationCounts = await connection.QuerySingleAsync<(int Added, int Changed)>(new CommandDefinition("""
            SELECT count(*) FILTER (WHERE o.vendor_id IS NULL OR o.removed_at IS NOT NULL)::int,
                   count(*) FILTER (WHERE o.removed_at IS NULL AND o.name <> i.name)::int
            FROM incoming_organizations i
            LEFT JOIN rmm_organizations o ON o.org_id = @orgId AND o.vendor = @vendor AND o.vendor_id = i.vendor_id
            """, parameters, transaction, cancellationToken: cancellationToken));
        var deviceCounts = await connection.QuerySingleAsync<(int Added, int Changed, int Retired)>(new CommandDefinition("""
            SELECT count(*) FILTER (WHERE i.state <> 'retired' AND (d.vendor_id IS NULL OR d.removed_at IS NOT NULL))::int,
                   count(*) FILTER (WHERE i.state <> 'retired' AND d.vendor_id IS NOT NULL AND d.removed_at IS NULL
                       AND (d.name, d.kind, d.state, d.organization_vendor_id)
                           IS DISTINCT FROM (i.name, i.kind, i.state, i.organization_vendor_id))::int,
                   count(*) FILTER (WHERE i.state = 'retired' AND d.vendor_id IS NOT NULL AND d.removed_at IS NULL)::int
            FROM incoming_devices i
            LEFT JOIN rmm_devices d ON d.org_id = @orgId AND d.vendor = @vendor AND d.vendor_id = i.vendor_id
            """, parameters, transaction, cancellationToken: cancellationToken));

        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO rmm_organizations (org_id, vendor, vendor_id, name, first_seen_at)
            SELECT @orgId, @vendor, vendor_id, name, @now FROM incoming_organizations
            ON CONFLICT (org_id, vendor, vendor_id) DO UPDATE SET name = excluded.name, removed_at = NULL
            WHERE rmm_organizations.name <> excluded.name OR rmm_organizations.removed_at IS NOT NULL
            """, parameters, transaction, cancellationToken: cancellationToken));
        var organizationsGone = await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE rmm_organizations o SET removed_at = @now
            WHERE o.org_id = @orgId AND o.removed_at IS NULL
              AND NOT (o.vendor = @vendor AND EXISTS (SELECT 1 FROM incoming_organizations i WHERE i.vendor_id = o.vendor_id))
            """, parameters, transaction, cancellationToken: cancellationToken));

        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO rmm_devices (org_id, vendor, vendor_id, organization_vendor_id, name, kind, state, last_seen_at,
                first_seen_at, removed_at)
            SELECT @orgId, @vendor, vendor_id, organization_vendor_id, name, kind, state, last_seen_at, @now,
                CASE WHEN state = 'retired' THEN @now END
            FROM incoming_devices
            ON CONFLICT (org_id, vendor, vendor_id) DO UPDATE SET
                organization_vendor_id = excluded.organization_vendor_id, name = excluded.name, kind = excluded.kind,
                state = excluded.state, last_seen_at = excluded.last_seen_at,
                removed_at = CASE WHEN excluded.state = 'retired' THEN coalesce(rmm_devices.removed_at, excluded.removed_at) END
            """, parameters, transaction, cancellationToken: cancellationToken));
        var devicesGone = await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE rmm_devices d SET removed_at = @now
            WHERE d.org_id = @orgId AND d.removed_at IS NULL
              AND NOT (d.vendor = @vendor AND EXISTS (SELECT 1 FROM incoming_devices i WHERE i.vendor_id = d.vendor_id))
            """, parameters, transaction, cancellationToken: cancellationToken));

        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO device_snapshots (org_id, id, sync_run_id, vendor, taken_at)
            VALUES (@orgId, @snapshotId, @syncRunId, @vendor, @now)
            """, parameters, transaction, cancellationToken: cancellationToken));
        // A device awaiting approval is listed but not managed: no count taken from the snapshot includes it.
        var counted = await connection.QueryAsync<RmmOrganizationDevices>(new CommandDefinition("""
            INSERT INTO device_snapshot_organizations (org_id, snapshot_id, organization_vendor_id, name, workstations,
                servers, other_devices)
            SELECT o.org_id, @snapshotId, o.vendor_id, o.name,
                count(d.vendor_id) FILTER (WHERE d.kind = 'workstation'),
                count(d.vendor_id) FILTER (WHERE d.kind = 'server'),
                count(d.vendor_id) FILTER (WHERE d.kind = 'other')
            FROM rmm_organizations o
            LEFT JOIN rmm_devices d ON d.org_id = o.org_id AND d.vendor = o.vendor
                AND d.organization_vendor_id = o.vendor_id AND d.removed_at IS NULL AND d.state <> 'pending'
            WHERE o.org_id = @orgId AND o.vendor = @vendor AND o.removed_at IS NULL
            GROUP BY o.org_id, o.vendor_id, o.name
            RETURNING organization_vendor_id AS VendorId, name, workstations, servers, other_devices AS OtherDevices
            """, parameters, transaction, cancellationToken: cancellationToken));

        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO client_snapshot_devices (org_id, snapshot_id, client_id, organizations, devices, device_licenses)
            SELECT s.org_id, s.snapshot_id, m.client_id, count(*)::int,
                sum(s.workstations + s.servers + s.other_devices)::int, 0
            FROM device_snapshot_organizations s
            JOIN client_mappings m ON m.org_id = s.org_id AND m.vendor = 'rmm'
                AND m.external_id = s.organization_vendor_id AND m.client_id IS NOT NULL
            WHERE s.org_id = @orgId AND s.snapshot_id = @snapshotId
            GROUP BY s.org_id, s.snapshot_id, m.client_id
            """, parameters, transaction, cancellationToken: cancellationToken));

        var snapshot = new DevicesSnapshotted(orgId, parameters.snapshotId, syncRunId, parameters.vendor, parameters.now,
            [.. counted.OrderBy(organization => organization.Name, StringComparer.OrdinalIgnoreCase)
                .ThenBy(organization => organization.VendorId, StringComparer.Ordinal)]);
        await outbox.EnqueueAsync(transaction, snapshot, cancellationToken);
        // After the snapshot's event, so that readers hear of the snapshot before the comparisons made with it.
        await reconciler.RecomputeAsync(transaction, orgId, cancellationToken);
        // The history keeps each client's row figures as this snapshot's comparison made them.
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE client_snapshot_devices h SET device_licenses = r.device_licenses, variance = r.variance
            FROM client_reconciliations r
            WHERE h.org_id = @orgId AND h.snapshot_id = @snapshotId
              AND r.org_id = h.org_id AND r.client_id = h.client_id AND r.snapshot_id = h.snapshot_id
            """, parameters, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return new AppliedSnapshot(
            new SyncCounts(organizationCounts.Added, organizationCounts.Changed, organizationsGone),
            new SyncCounts(deviceCounts.Added, deviceCounts.Changed, deviceCounts.Retired + devicesGone),
            snapshot);
    }

    /// <summary>The read as two temporary tables of this transaction, filled with binary COPY (one stream each).</summary>
    private static async Task StageAsync(NpgsqlConnection connection, IReadOnlyCollection<RmmOrganization> organizations,
        IReadOnlyCollection<RmmDevice> devices, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition("""
            CREATE TEMP TABLE incoming_organizations (vendor_id text PRIMARY KEY, name text NOT NULL) ON COMMIT DROP;
            CREATE TEMP TABLE incoming_devices (vendor_id text PRIMARY KEY, organization_vendor_id text NOT NULL,
                name text NOT NULL, kind text NOT NULL, state text NOT NULL, last_seen_at timestamptz NULL) ON COMMIT DROP;
            """, cancellationToken: cancellationToken));
        await CopyAsync(connection, "incoming_organizations (vendor_id, name)", organizations, async (row, organization) =>
        {
            await row.WriteAsync(organization.VendorId, NpgsqlDbType.Text, cancellationToken);
            await row.WriteAsync(organization.Name, NpgsqlDbType.Text, cancellationToken);
        }, cancellationToken);
        await CopyAsync(connection, "incoming_devices (vendor_id, organization_vendor_id, name, kind, state, last_seen_at)",
            devices, async (row, device) =>
            {
                await row.WriteAsync(device.VendorId, NpgsqlDbType.Text, cancellationToken);
                await row.WriteAsync(device.OrganizationVendorId, NpgsqlDbType.Text, cancellationToken);
                await row.WriteAsync(device.Name, NpgsqlDbType.Text, cancellationToken);
                await row.WriteAsync(StoredNames.Of(device.Kind), NpgsqlDbType.Text, cancellationToken);
                await row.WriteAsync(StoredNames.Of(device.State), NpgsqlDbType.Text, cancellationToken);
                if (device.LastSeen is { } lastSeen)
                {
                    await row.WriteAsync(lastSeen.UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken);
                }
                else
                {
                    await row.WriteNullAsync(cancellationToken);
                }
            }, cancellationToken);
        // Statistics for the merge's joins: without them the planner guesses the temporary tables' sizes.
        await connection.ExecuteAsync(new CommandDefinition("ANALYZE incoming_organizations; ANALYZE incoming_devices;",
            cancellationToken: cancellationToken));
    }

    private static async Task CopyAsync<T>(NpgsqlConnection connection, string target, IEnumerable<T> rows,
        Func<NpgsqlBinaryImporter, T, Task> write, CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync($"COPY {target} FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(cancellationToken);
            await write(importer, row);
        }
        await importer.CompleteAsync(cancellationToken);
    }
}
