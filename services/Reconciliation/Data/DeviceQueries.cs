using BillingOne.BuildingBlocks.Data;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.Reconciliation.Domain;
using Dapper;
using Npgsql;

namespace BillingOne.Reconciliation.Data;

public sealed record DeviceRow(string Vendor, string Id, string Name, string Kind, string State, DateTime? LastSeenAt,
    string OrganizationId, string? OrganizationName, Guid? ClientId, DateTime FirstSeenAt, DateTime? RemovedAt);

public sealed record RmmOrganizationRow(string Vendor, string Id, string Name, Guid? ClientId, int Workstations,
    int Servers, int OtherDevices, DateTime FirstSeenAt, DateTime? RemovedAt);

public sealed record DeviceSnapshotRow(Guid Id, Guid SyncRunId, string Vendor, DateTime TakenAt, int Organizations,
    int Workstations, int Servers, int OtherDevices);

/// <summary>
/// Reads the synced RMM for the API. A client-scoped caller (<c>clientScope</c>) sees only what belongs to RMM
/// organizations mapped to its client.
/// </summary>
public sealed class DeviceQueries(NpgsqlDataSource dataSource)
{
    public async Task<PagedResult<DeviceRow>> ListDevicesAsync(Guid orgId, Guid? clientScope, DeviceListQuery query,
        CancellationToken cancellationToken)
    {
        const string from = """
            FROM rmm_devices d
            LEFT JOIN rmm_organizations o ON o.org_id = d.org_id AND o.vendor = d.vendor AND o.vendor_id = d.organization_vendor_id
            LEFT JOIN client_mappings m ON m.org_id = d.org_id AND m.vendor = 'rmm' AND m.external_id = d.organization_vendor_id
            WHERE d.org_id = @orgId
              AND (@clientScope::uuid IS NULL OR m.client_id = @clientScope)
              AND (@clientId::uuid IS NULL OR m.client_id = @clientId)
              AND (@includeRemoved OR d.removed_at IS NULL)
              AND (@pattern::text IS NULL OR d.name ILIKE @pattern OR o.name ILIKE @pattern)
              AND (@organizationId::text IS NULL OR d.organization_vendor_id = @organizationId)
              AND (@kind::text IS NULL OR d.kind = @kind)
              AND (@state::text IS NULL OR d.state = @state)
            """;
        var direction = query.Direction.ToSql();
        // Sort columns come from a closed set, never from the request text; the id breaks ties so pages are stable.
        var orderBy = query.Sort switch
        {
            DeviceSortField.LastSeen => $"d.last_seen_at {direction} NULLS LAST",
            DeviceSortField.Organization => $"lower(o.name) {direction}, lower(d.name) {direction}",
            _ => $"lower(d.name) {direction}",
        } + $", d.vendor_id {direction}";
        return await PageAsync<DeviceRow>($"""
            SELECT count(*) {from};
            SELECT d.vendor, d.vendor_id AS Id, d.name, d.kind, d.state, d.last_seen_at AS LastSeenAt,
                d.organization_vendor_id AS OrganizationId, o.name AS OrganizationName, m.client_id AS ClientId,
                d.first_seen_at AS FirstSeenAt, d.removed_at AS RemovedAt
            {from}
            ORDER BY {orderBy} LIMIT @limit OFFSET @offset;
            """, query.Page, new
        {
            orgId,
            clientScope,
            query.ClientId,
            query.IncludeRemoved,
            pattern = query.Search is null ? null : LikePatterns.Containing(query.Search),
            query.OrganizationId,
            kind = query.Kind is { } kind ? StoredNames.Of(kind) : null,
            state = query.State is { } state ? StoredNames.Of(state) : null,
            limit = query.Page.PageSize,
            offset = query.Page.Offset,
        }, cancellationToken);
    }

    /// <summary>The RMM organizations by name, with their managed device counts in the latest snapshot.</summary>
    public async Task<PagedResult<RmmOrganizationRow>> ListOrganizationsAsync(Guid orgId, Guid? clientScope,
        string? search, bool includeRemoved, PageRequest page, CancellationToken cancellationToken)
    {
        const string mapping = "LEFT JOIN client_mappings m ON m.org_id = o.org_id AND m.vendor = 'rmm' AND m.external_id = o.vendor_id";
        const string filter = """
            WHERE o.org_id = @orgId
              AND (@clientScope::uuid IS NULL OR m.client_id = @clientScope)
              AND (@includeRemoved OR o.removed_at IS NULL)
              AND (@pattern::text IS NULL OR o.name ILIKE @pattern)
            """;
        return await PageAsync<RmmOrganizationRow>($"""
            SELECT count(*) FROM rmm_organizations o {mapping} {filter};
            WITH latest AS (
                SELECT id, vendor FROM device_snapshots WHERE org_id = @orgId ORDER BY taken_at DESC, id DESC LIMIT 1)
            SELECT o.vendor, o.vendor_id AS Id, o.name, m.client_id AS ClientId,
                coalesce(s.workstations, 0) AS Workstations, coalesce(s.servers, 0) AS Servers,
                coalesce(s.other_devices, 0) AS OtherDevices, o.first_seen_at AS FirstSeenAt, o.removed_at AS RemovedAt
            FROM rmm_organizations o
            {mapping}
            LEFT JOIN latest ON latest.vendor = o.vendor
            LEFT JOIN device_snapshot_organizations s ON s.org_id = o.org_id AND s.snapshot_id = latest.id
                AND s.organization_vendor_id = o.vendor_id
            {filter}
            ORDER BY lower(o.name), o.vendor_id LIMIT @limit OFFSET @offset;
            """, page, new
        {
            orgId,
            clientScope,
            includeRemoved,
            pattern = search is null ? null : LikePatterns.Containing(search),
            limit = page.PageSize,
            offset = page.Offset,
        }, cancellationToken);
    }

    /// <summary>The snapshots, latest first, with totals over the organizations the caller may see.</summary>
    public async Task<PagedResult<DeviceSnapshotRow>> ListSnapshotsAsync(Guid orgId, Guid? clientScope, PageRequest page,
        CancellationToken cancellationToken) =>
        await PageAsync<DeviceSnapshotRow>("""
            SELECT count(*) FROM device_snapshots WHERE org_id = @orgId;
            SELECT s.id, s.sync_run_id AS SyncRunId, s.vendor, s.taken_at AS TakenAt,
                count(o.organization_vendor_id)::int AS Organizations,
                coalesce(sum(o.workstations), 0)::int AS Workstations, coalesce(sum(o.servers), 0)::int AS Servers,
                coalesce(sum(o.other_devices), 0)::int AS OtherDevices
            FROM (SELECT * FROM device_snapshots WHERE org_id = @orgId
                  ORDER BY taken_at DESC, id DESC LIMIT @limit OFFSET @offset) s
            LEFT JOIN device_snapshot_organizations o ON o.org_id = s.org_id AND o.snapshot_id = s.id
                AND (@clientScope::uuid IS NULL OR EXISTS (
                    SELECT 1 FROM client_mappings m
                    WHERE m.org_id = o.org_id AND m.vendor = 'rmm' AND m.external_id = o.organization_vendor_id
                      AND m.client_id = @clientScope))
            GROUP BY s.id, s.sync_run_id, s.vendor, s.taken_at
            ORDER BY s.taken_at DESC, s.id DESC;
            """, page, new { orgId, clientScope, limit = page.PageSize, offset = page.Offset }, cancellationToken);

    /// <summary>Runs a count statement and a page statement in one round trip.</summary>
    private async Task<PagedResult<TRow>> PageAsync<TRow>(string sql, PageRequest page, object parameters,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition(sql, parameters,
            cancellationToken: cancellationToken));
        var totalCount = await results.ReadSingleAsync<long>();
        var rows = await results.ReadAsync<TRow>();
        return new PagedResult<TRow>([.. rows], page.Page, page.PageSize, totalCount);
    }
}
