using BillingOne.Contracts.Events;
using BillingOne.Reconciliation.Domain;
using Dapper;
using Npgsql;

namespace BillingOne.Reconciliation.Data;

/// <summary>
/// What a recomputation of an organization reads and writes (<c>Application/ClientReconciler</c> decides): the latest
/// device snapshot, each client's facts, finalized overages, stored opportunities and comparisons; all inside the
/// caller's transaction.
/// </summary>
public static class ReconciliationStore
{
    /// <summary>
    /// Takes the organization's recomputation lock for the rest of the transaction (again is harmless). A change that
    /// locks rows recomputation writes (an opportunity being decided) takes it first, so the two never wait on each other.
    /// </summary>
    public static async Task LockAsync(NpgsqlTransaction transaction, Guid orgId, CancellationToken cancellationToken) =>
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            "SELECT pg_advisory_xact_lock(hashtextextended('reconciliation:' || @orgId::text, 0))",
            new { orgId }, transaction, cancellationToken: cancellationToken));

    /// <summary>Everything a recomputation of <paramref name="orgId"/> compares, as stored now.</summary>
    public static async Task<ReconciliationState> ReadAsync(NpgsqlTransaction transaction, Guid orgId,
        CancellationToken cancellationToken)
    {
        await using var read = await transaction.Connection!.QueryMultipleAsync(new CommandDefinition("""
            SELECT id, taken_at AS TakenAt FROM device_snapshots WHERE org_id = @orgId ORDER BY taken_at DESC, id DESC LIMIT 1;

            WITH latest AS (SELECT id FROM device_snapshots WHERE org_id = @orgId ORDER BY taken_at DESC, id DESC LIMIT 1),
            devices AS (
                SELECT m.client_id, sum(s.workstations)::int AS workstations, sum(s.servers)::int AS servers,
                    sum(s.other_devices)::int AS other_devices
                FROM device_snapshot_organizations s
                JOIN latest ON latest.id = s.snapshot_id
                JOIN client_mappings m ON m.org_id = s.org_id AND m.vendor = 'rmm'
                    AND m.external_id = s.organization_vendor_id AND m.client_id IS NOT NULL
                WHERE s.org_id = @orgId
                GROUP BY m.client_id),
            universe AS (
                SELECT client_id FROM clients WHERE org_id = @orgId
                UNION SELECT client_id FROM client_licenses WHERE org_id = @orgId
                UNION SELECT client_id FROM devices
                UNION SELECT client_id FROM billing_overages WHERE org_id = @orgId)
            SELECT u.client_id AS ClientId, d.client_id IS NOT NULL AS HasDevices, coalesce(d.workstations, 0) AS Workstations,
                coalesce(d.servers, 0) AS Servers, coalesce(d.other_devices, 0) AS OtherDevices,
                l.client_id IS NOT NULL AS HasLicenses, coalesce(l.device_licenses, 0) AS DeviceLicenses,
                l.device_license_unit_price AS DeviceLicenseUnitPrice, l.currency AS Currency, l.products::text AS Products
            FROM universe u
            LEFT JOIN devices d ON d.client_id = u.client_id
            LEFT JOIN client_licenses l ON l.org_id = @orgId AND l.client_id = u.client_id
            WHERE NOT EXISTS (SELECT 1 FROM clients c WHERE c.org_id = @orgId AND c.client_id = u.client_id AND NOT c.enabled);

            SELECT o.client_id AS ClientId, o.bucket_id AS BucketId, o.bucket_name AS BucketName, o.period_year AS Year,
                o.period_month AS Month, o.currency, o.overage, o.usage, o.commit_units AS CommitUnits,
                EXISTS (SELECT 1 FROM invoices i
                        WHERE i.org_id = o.org_id AND i.client_id = o.client_id
                          AND i.reference = 'BillingOne ' || lpad(o.period_year::text, 4, '0') || '-' || lpad(o.period_month::text, 2, '0')
                          AND i.status NOT IN ('voided', 'deleted')) AS Invoiced
            FROM billing_overages o
            WHERE o.org_id = @orgId AND o.overage > 0;

            SELECT id, opportunity_key AS Key, state, amount, currency, evidence, bucket_name AS BucketName,
                gap_open AS GapOpen
            FROM missed_billing WHERE org_id = @orgId;

            SELECT client_id AS ClientId, version, snapshot_id AS SnapshotId, devices, device_licenses AS DeviceLicenses,
                variance, status, currency, device_license_unit_price AS DeviceLicenseUnitPrice,
                missed_billing_open AS MissedBillingOpen, products::text AS Products
            FROM client_reconciliations WHERE org_id = @orgId;
            """, new { orgId }, transaction, cancellationToken: cancellationToken));
        var snapshot = await read.ReadSingleOrDefaultAsync<SnapshotRow>();
        var clients = (await read.ReadAsync<ClientFactsRow>()).Select(row => row.ToFacts()).ToList();
        var overages = (await read.ReadAsync<FinalizedOverage>()).ToList();
        var stored = (await read.ReadAsync<StoredOpportunity>()).ToList();
        var previous = (await read.ReadAsync<ReconciliationRow>()).ToDictionary(row => row.ClientId);
        return new ReconciliationState(snapshot, clients, overages, stored, previous);
    }

    /// <summary>Whether the client has been compared already (a renamed client needs no new comparison).</summary>
    public static async Task<bool> IsComparedAsync(NpgsqlTransaction transaction, Guid orgId, Guid clientId,
        CancellationToken cancellationToken) =>
        await transaction.Connection!.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM client_reconciliations WHERE org_id = @orgId AND client_id = @clientId)",
            new { orgId, clientId }, transaction, cancellationToken: cancellationToken));

    /// <summary>Stores what <see cref="OrganizationReconciliation.Plan"/> decided for the opportunities.</summary>
    public static async Task ApplyOpportunitiesAsync(NpgsqlTransaction transaction, Guid orgId,
        OpportunityChanges changes, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        foreach (var gap in changes.Added)
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO missed_billing (org_id, id, opportunity_key, kind, client_id, bucket_id, bucket_name,
                    period_year, period_month, amount, currency, evidence, state, gap_open, created_at, updated_at,
                    product_id, product_name)
                VALUES (@orgId, @id, @Key, @Kind, @ClientId, @BucketId, @BucketName, @Year, @Month, @Amount, @Currency,
                    @Evidence, 'open', true, @now, @now, @ProductId, @ProductName)
                """, new
            {
                orgId,
                id = Guid.CreateVersion7(),
                gap.Key,
                gap.Kind,
                gap.ClientId,
                gap.BucketId,
                gap.BucketName,
                gap.Year,
                gap.Month,
                gap.Amount,
                gap.Currency,
                gap.Evidence,
                now,
                gap.ProductId,
                gap.ProductName,
            }, transaction, cancellationToken: cancellationToken));
        }
        foreach (var (id, gap) in changes.Changed)
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE missed_billing SET amount = @Amount, currency = @Currency, evidence = @Evidence,
                    bucket_name = @BucketName, product_name = @ProductName, gap_open = true, updated_at = @now
                WHERE org_id = @orgId AND id = @id
                """, new { orgId, id, gap.Amount, gap.Currency, gap.Evidence, gap.BucketName, gap.ProductName, now },
                transaction,
                cancellationToken: cancellationToken));
        }
        if (changes.Removed.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM missed_billing WHERE org_id = @orgId AND id = ANY(@ids)",
                new { orgId, ids = changes.Removed.ToArray() }, transaction, cancellationToken: cancellationToken));
        }
        if (changes.Closed.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE missed_billing SET gap_open = false, updated_at = @now WHERE org_id = @orgId AND id = ANY(@ids)",
                new { orgId, ids = changes.Closed.ToArray(), now }, transaction, cancellationToken: cancellationToken));
        }
    }

    /// <summary>Stores the comparisons of the clients whose figures changed, as announced.</summary>
    /// <param name="prices">Each client's device licence unit price.</param>
    /// <param name="products">Each client's product lines, serialized (<see cref="ProductLines"/>).</param>
    public static async Task SaveAsync(NpgsqlTransaction transaction, Guid orgId, DateTimeOffset now,
        IReadOnlyList<ClientReconciled> announcements, IReadOnlyDictionary<Guid, decimal?> prices,
        IReadOnlyDictionary<Guid, string> products, CancellationToken cancellationToken) =>
        await transaction.Connection!.ExecuteAsync(new CommandDefinition("""
            INSERT INTO client_reconciliations (org_id, client_id, version, reconciled_at, snapshot_id, snapshot_taken_at,
                devices, device_licenses, variance, status, currency, device_license_unit_price, missed_billing_open,
                products)
            SELECT @orgId, changed.client_id, changed.version, @now, changed.snapshot_id, changed.snapshot_taken_at,
                changed.devices, changed.device_licenses, changed.variance, changed.status, changed.currency,
                changed.device_license_unit_price, changed.missed_billing_open, changed.products::jsonb
            FROM unnest(@clientIds, @versions, @snapshotIds, @takenAts, @devices, @licences, @variances, @statuses,
                        @currencies, @prices, @missed, @products)
                AS changed(client_id, version, snapshot_id, snapshot_taken_at, devices, device_licenses, variance, status,
                           currency, device_license_unit_price, missed_billing_open, products)
            ON CONFLICT (org_id, client_id) DO UPDATE SET version = excluded.version,
                reconciled_at = excluded.reconciled_at, snapshot_id = excluded.snapshot_id,
                snapshot_taken_at = excluded.snapshot_taken_at, devices = excluded.devices,
                device_licenses = excluded.device_licenses, variance = excluded.variance, status = excluded.status,
                currency = excluded.currency, device_license_unit_price = excluded.device_license_unit_price,
                missed_billing_open = excluded.missed_billing_open, products = excluded.products
            """, new
        {
            orgId,
            now,
            clientIds = announcements.Select(client => client.ClientId).ToArray(),
            versions = announcements.Select(client => client.Version).ToArray(),
            snapshotIds = announcements.Select(client => client.SnapshotId).ToArray(),
            takenAts = announcements.Select(client => client.SnapshotTakenAt?.UtcDateTime).ToArray(),
            devices = announcements.Select(client => client.Devices).ToArray(),
            licences = announcements.Select(client => client.DeviceLicenses).ToArray(),
            variances = announcements.Select(client => client.Variance).ToArray(),
            statuses = announcements.Select(client => client.Status).ToArray(),
            currencies = announcements.Select(client => client.Currency).ToArray(),
            prices = announcements.Select(client => prices[client.ClientId]).ToArray(),
            missed = announcements.Select(client => client.MissedBillingOpen).ToArray(),
            products = announcements.Select(client => products[client.ClientId]).ToArray(),
        }, transaction, cancellationToken: cancellationToken));

    /// <summary>The organization's latest device snapshot.</summary>
    public sealed record SnapshotRow(Guid Id, DateTime TakenAt);

    private sealed record ClientFactsRow(Guid ClientId, bool HasDevices, int Workstations, int Servers, int OtherDevices,
        bool HasLicenses, int DeviceLicenses, decimal? DeviceLicenseUnitPrice, string? Currency, string? Products)
    {
        public ClientFacts ToFacts() => new(ClientId, HasDevices ? new DeviceCounts(Workstations, Servers, OtherDevices) : null,
            HasLicenses
                ? new ClientLicenses(ProductLines.Licences(Products, DeviceLicenses, DeviceLicenseUnitPrice, Currency), Currency)
                : null);
    }

    /// <summary>A client's stored comparison (its figures, and the version they were announced with).</summary>
    public sealed record ReconciliationRow(Guid ClientId, long Version, Guid? SnapshotId, int? Devices, int DeviceLicenses,
        int? Variance, string Status, string? Currency, decimal? DeviceLicenseUnitPrice, decimal MissedBillingOpen,
        string Products)
    {
        public bool SameFigures(ReconciliationRow other) => SnapshotId == other.SnapshotId && Devices == other.Devices
            && DeviceLicenses == other.DeviceLicenses && Variance == other.Variance && Status == other.Status
            && Currency == other.Currency && DeviceLicenseUnitPrice == other.DeviceLicenseUnitPrice
            && MissedBillingOpen == other.MissedBillingOpen && ProductLines.Same(Products, other.Products);
    }

    /// <summary>What <see cref="ReadAsync"/> found.</summary>
    public sealed record ReconciliationState(SnapshotRow? Snapshot, IReadOnlyList<ClientFacts> Clients,
        IReadOnlyList<FinalizedOverage> Overages, IReadOnlyList<StoredOpportunity> Stored,
        IReadOnlyDictionary<Guid, ReconciliationRow> Previous);
}
