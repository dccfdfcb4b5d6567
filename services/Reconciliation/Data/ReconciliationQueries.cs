using BillingOne.BuildingBlocks.Data;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.Reconciliation.Domain;
using Dapper;
using Npgsql;

namespace BillingOne.Reconciliation.Data;

/// <param name="Products">The comparison per product as stored (see <see cref="ProductLines"/>).</param>
public sealed record ClientReconciliationRow(Guid ClientId, string? ClientName, int? Devices, int DeviceLicenses,
    int? Variance, string Status, DateTime? SnapshotTakenAt, string? Currency, decimal? DeviceLicenseUnitPrice,
    decimal MissedBillingOpen, string Products);

public sealed record ReconciliationCounts(int UnderLicensed, int OverLicensed, int Matched, int NoData,
    DateTime? LatestSnapshotAt);

public sealed record ClientRmmOrganizationRow(string Vendor, string VendorId, string Name, int Devices);

public sealed record ClientSnapshotRow(Guid SnapshotId, DateTime TakenAt, int Devices, int Licenses, int Variance);

public sealed record ClientReconciliationDetail(ClientReconciliationRow Row,
    IReadOnlyList<ClientRmmOrganizationRow> Organizations, IReadOnlyList<ClientSnapshotRow> History);

public sealed record MissedBillingRow(Guid Id, string Kind, Guid ClientId, string? ClientName, string? BucketName,
    int? PeriodYear, int? PeriodMonth, decimal? Amount, string? Currency, string Evidence, string State,
    string? DismissReason, DateTime? StateChangedAt, string? StateChangedBy, DateTime UpdatedAt, string? ProductName);

/// <summary>Count and Σ amount of the opportunities of one state, kind and currency.</summary>
public sealed record MissedBillingTotalsRow(string State, string Kind, string? Currency, int Count, decimal Amount);

/// <summary>
/// Reads the client comparisons and missed-billing opportunities for the API. A client-scoped caller
/// (<c>clientScope</c>) sees only its client's. A disabled client's last comparison is kept but not shown: the comparison
/// list, its summary, export and detail leave it out; its decided opportunities stay listed as history.
/// </summary>
public sealed class ReconciliationQueries(NpgsqlDataSource dataSource)
{
    /// <summary>How many snapshots a client's history shows: three years of monthly snapshots.</summary>
    public const int HistoryLength = 36;

    private const string ClientColumns = """
        r.client_id AS ClientId, c.name AS ClientName, r.devices, r.device_licenses AS DeviceLicenses, r.variance,
        r.status, r.snapshot_taken_at AS SnapshotTakenAt, r.currency, r.device_license_unit_price AS DeviceLicenseUnitPrice,
        r.missed_billing_open AS MissedBillingOpen, r.products::text AS Products
        """;

    private const string ClientsFrom = """
        FROM client_reconciliations r
        LEFT JOIN clients c ON c.org_id = r.org_id AND c.client_id = r.client_id
        WHERE r.org_id = @orgId AND (@clientScope::uuid IS NULL OR r.client_id = @clientScope)
          AND c.enabled IS NOT FALSE
          AND (@pattern::text IS NULL OR c.name ILIKE @pattern)
        """;

    private const string MissedBillingFrom = """
        FROM missed_billing b
        LEFT JOIN clients c ON c.org_id = b.org_id AND c.client_id = b.client_id
        WHERE b.org_id = @orgId AND (@clientScope::uuid IS NULL OR b.client_id = @clientScope)
          AND (@clientId::uuid IS NULL OR b.client_id = @clientId)
          AND (@kind::text IS NULL OR b.kind = @kind)
          AND (@pattern::text IS NULL OR c.name ILIKE @pattern OR b.bucket_name ILIKE @pattern OR b.product_name ILIKE @pattern
               OR b.evidence ILIKE @pattern)
          AND (@foundFrom::date IS NULL OR (b.created_at AT TIME ZONE 'UTC')::date >= @foundFrom)
          AND (@foundTo::date IS NULL OR (b.created_at AT TIME ZONE 'UTC')::date <= @foundTo)
        """;

    public async Task<PagedResult<ClientReconciliationRow>> ListClientsAsync(Guid orgId, Guid? clientScope,
        ClientReconciliationListQuery query, CancellationToken cancellationToken)
    {
        var direction = query.Direction.ToSql();
        // Sort columns come from a closed set, never from the request text; name and id break ties so pages are stable.
        var orderBy = query.Sort switch
        {
            ClientReconciliationSortField.Client => $"lower(c.name) {direction} NULLS LAST",
            ClientReconciliationSortField.Devices => $"r.devices {direction} NULLS LAST, lower(c.name)",
            ClientReconciliationSortField.Licenses => $"r.device_licenses {direction}, lower(c.name)",
            _ => $"r.variance {direction} NULLS LAST, lower(c.name)",
        } + ", r.client_id";
        var page = query.Page ?? new PageRequest(1, int.MaxValue);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition($"""
            SELECT count(*) {ClientsFrom} AND (@status::text IS NULL OR r.status = @status);
            SELECT {ClientColumns} {ClientsFrom} AND (@status::text IS NULL OR r.status = @status)
            ORDER BY {orderBy} LIMIT @limit OFFSET @offset;
            """, new
        {
            orgId,
            clientScope,
            pattern = query.Search is null ? null : LikePatterns.Containing(query.Search),
            query.Status,
            limit = query.Page is null ? (int?)null : page.PageSize,
            offset = page.Offset,
        }, cancellationToken: cancellationToken));
        return await PagedAsync<ClientReconciliationRow>(results, query.Page);
    }

    /// <summary>The status counts over the clients the search selects, and when the latest snapshot was taken.</summary>
    public async Task<ReconciliationCounts> SummarizeClientsAsync(Guid orgId, Guid? clientScope, string? search,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleAsync<ReconciliationCounts>(new CommandDefinition($"""
            SELECT count(*) FILTER (WHERE r.status = '{ReconciliationStatuses.UnderLicensed}')::int AS UnderLicensed,
                count(*) FILTER (WHERE r.status = '{ReconciliationStatuses.OverLicensed}')::int AS OverLicensed,
                count(*) FILTER (WHERE r.status = '{ReconciliationStatuses.Matched}')::int AS Matched,
                count(*) FILTER (WHERE r.status = '{ReconciliationStatuses.NoData}')::int AS NoData,
                (SELECT max(taken_at) FROM device_snapshots WHERE org_id = @orgId) AS LatestSnapshotAt
            {ClientsFrom}
            """, new { orgId, clientScope, pattern = search is null ? null : LikePatterns.Containing(search) },
            cancellationToken: cancellationToken));
    }

    /// <summary>The client's comparison with its RMM organizations and snapshot history; null when the caller sees none.</summary>
    public async Task<ClientReconciliationDetail?> FindClientAsync(Guid orgId, Guid? clientScope, Guid clientId,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition($"""
            SELECT {ClientColumns} {ClientsFrom} AND r.client_id = @clientId;

            WITH latest AS (SELECT id FROM device_snapshots WHERE org_id = @orgId ORDER BY taken_at DESC, id DESC LIMIT 1)
            SELECT o.vendor, o.vendor_id AS VendorId, o.name,
                coalesce(s.workstations + s.servers + s.other_devices, 0) AS Devices
            FROM client_mappings m
            JOIN rmm_organizations o ON o.org_id = m.org_id AND o.vendor_id = m.external_id AND o.removed_at IS NULL
            LEFT JOIN latest ON true
            LEFT JOIN device_snapshot_organizations s ON s.org_id = o.org_id AND s.snapshot_id = latest.id
                AND s.organization_vendor_id = o.vendor_id
            WHERE m.org_id = @orgId AND m.vendor = 'rmm' AND m.client_id = @clientId
            ORDER BY lower(o.name), o.vendor_id;

            SELECT h.snapshot_id AS SnapshotId, s.taken_at AS TakenAt, h.devices, h.device_licenses AS Licenses,
                coalesce(h.variance, h.devices - h.device_licenses) AS Variance
            FROM client_snapshot_devices h
            JOIN device_snapshots s ON s.org_id = h.org_id AND s.id = h.snapshot_id
            WHERE h.org_id = @orgId AND h.client_id = @clientId
            ORDER BY s.taken_at DESC, s.id DESC LIMIT {HistoryLength};
            """, new { orgId, clientScope, clientId, pattern = (string?)null }, cancellationToken: cancellationToken));
        var row = await results.ReadSingleOrDefaultAsync<ClientReconciliationRow>();
        if (row is null)
        {
            return null;
        }
        var organizations = (await results.ReadAsync<ClientRmmOrganizationRow>()).ToList();
        var history = (await results.ReadAsync<ClientSnapshotRow>()).ToList();
        return new ClientReconciliationDetail(row, organizations, history);
    }

    public async Task<PagedResult<MissedBillingRow>> ListMissedBillingAsync(Guid orgId, Guid? clientScope,
        MissedBillingListQuery query, CancellationToken cancellationToken)
    {
        var direction = query.Direction.ToSql();
        var orderBy = query.Sort switch
        {
            MissedBillingSortField.Client => $"lower(c.name) {direction} NULLS LAST, b.kind",
            MissedBillingSortField.Kind => $"b.kind {direction}, lower(c.name)",
            MissedBillingSortField.Updated => $"b.updated_at {direction}",
            _ => $"b.amount {direction} NULLS LAST, lower(c.name)",
        } + $", b.id {direction}";
        var page = query.Page ?? new PageRequest(1, int.MaxValue);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition($"""
            SELECT count(*) {MissedBillingFrom} AND (@state::text IS NULL OR b.state = @state);
            SELECT {MissedBillingColumns} {MissedBillingFrom} AND (@state::text IS NULL OR b.state = @state)
            ORDER BY {orderBy} LIMIT @limit OFFSET @offset;
            """, MissedBillingParameters(orgId, clientScope, query, query.Page is null ? null : page.PageSize, page.Offset),
            cancellationToken: cancellationToken));
        return await PagedAsync<MissedBillingRow>(results, query.Page);
    }

    /// <summary>Counts and Σ amounts per state, kind and currency over what the filters (other than state) select.</summary>
    public async Task<IReadOnlyList<MissedBillingTotalsRow>> SummarizeMissedBillingAsync(Guid orgId, Guid? clientScope,
        MissedBillingListQuery query, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return [.. await connection.QueryAsync<MissedBillingTotalsRow>(new CommandDefinition($"""
            SELECT b.state, b.kind, b.currency, count(*)::int AS Count, coalesce(sum(b.amount), 0) AS Amount
            {MissedBillingFrom}
            GROUP BY b.state, b.kind, b.currency
            """, MissedBillingParameters(orgId, clientScope, query, null, 0), cancellationToken: cancellationToken))];
    }

    /// <summary>One opportunity as the list shows it; null when the caller sees none.</summary>
    public async Task<MissedBillingRow?> FindMissedBillingAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction,
        Guid orgId, Guid id, CancellationToken cancellationToken) =>
        await connection.QuerySingleOrDefaultAsync<MissedBillingRow>(new CommandDefinition($"""
            SELECT {MissedBillingColumns}
            FROM missed_billing b LEFT JOIN clients c ON c.org_id = b.org_id AND c.client_id = b.client_id
            WHERE b.org_id = @orgId AND b.id = @id
            """, new { orgId, id }, transaction, cancellationToken: cancellationToken));

    private const string MissedBillingColumns = """
        b.id, b.kind, b.client_id AS ClientId, c.name AS ClientName, b.bucket_name AS BucketName,
        b.period_year AS PeriodYear, b.period_month AS PeriodMonth, b.amount, b.currency, b.evidence, b.state,
        b.dismiss_reason AS DismissReason, b.state_changed_at AS StateChangedAt, b.state_changed_by AS StateChangedBy,
        b.updated_at AS UpdatedAt, b.product_name AS ProductName
        """;

    private static object MissedBillingParameters(Guid orgId, Guid? clientScope, MissedBillingListQuery query, int? limit,
        long offset) => new
        {
            orgId,
            clientScope,
            query.ClientId,
            query.Kind,
            query.State,
            pattern = query.Search is null ? null : LikePatterns.Containing(query.Search),
            query.FoundFrom,
            query.FoundTo,
            limit,
            offset,
        };

    private static async Task<PagedResult<TRow>> PagedAsync<TRow>(SqlMapper.GridReader results, PageRequest? page)
    {
        var totalCount = await results.ReadSingleAsync<long>();
        var rows = (await results.ReadAsync<TRow>()).ToList();
        return page is null
            ? new PagedResult<TRow>(rows, 1, (int)Math.Min(totalCount, int.MaxValue), totalCount)
            : new PagedResult<TRow>(rows, page.Page, page.PageSize, totalCount);
    }
}
