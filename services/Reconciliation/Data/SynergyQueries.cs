using BillingOne.BuildingBlocks.Data;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.Reconciliation.Domain;
using Dapper;
using Npgsql;

namespace BillingOne.Reconciliation.Data;

public sealed record SynergyDomainRow(string Name, string Status, DateTime? ExpiresAt, bool AutoRenew, string? AccountId,
    string? AccountName, Guid? ClientId, string? ClientName, DateTime FirstSeenAt);

public sealed record SynergyHostingRow(string Id, string Domain, string Plan, string Status, DateTime? RenewsAt,
    decimal? DiskUsageMb, decimal? DiskLimitMb, decimal? BandwidthMb, decimal? BandwidthLimitMb, string? AccountId,
    string? AccountName, Guid? ClientId, string? ClientName, DateTime FirstSeenAt);

public sealed record SynergyCertificateRow(string Id, string CommonName, string Product, string Status,
    DateTime? ExpiresAt, string? AccountId, string? AccountName, Guid? ClientId, string? ClientName, DateTime FirstSeenAt);

/// <param name="AutoRenewOff">Domains only: live domains whose auto-renewal is off.</param>
public sealed record SynergyKindCounts(int Total, int ExpiringSoon, int Expired, int AutoRenewOff, int Unmapped);

/// <summary>
/// Reads the synced Synergy account for the API: live domains, hosting services and certificates with the client their
/// customer account is mapped to. A client-scoped caller (<c>clientScope</c>) sees only its client's.
/// </summary>
public sealed class SynergyQueries(NpgsqlDataSource dataSource, TimeProvider clock)
{
    /// <summary>One list's table, its columns and what its sort fields order by.</summary>
    private sealed record KindSql(string Table, string KeyColumn, string NameColumn, string ExpiryColumn, string? CategoryColumn,
        string Select);

    private static readonly KindSql Domains = new("synergy_domains", "x.domain_name", "x.domain_name", "x.expires_at", null, """
        x.domain_name AS Name, x.status, x.expires_at AS ExpiresAt, x.auto_renew AS AutoRenew
        """);

    private static readonly KindSql Hosting = new("synergy_hosting_services", "x.hosting_id", "x.domain_name", "x.renews_at", "x.plan", """
        x.hosting_id AS Id, x.domain_name AS Domain, x.plan, x.status, x.renews_at AS RenewsAt,
        x.disk_usage_mb AS DiskUsageMb, x.disk_limit_mb AS DiskLimitMb, x.bandwidth_mb AS BandwidthMb,
        x.bandwidth_limit_mb AS BandwidthLimitMb
        """);

    private static readonly KindSql Certificates = new("synergy_certificates", "x.certificate_id", "x.common_name", "x.expires_at", "x.product", """
        x.certificate_id AS Id, x.common_name AS CommonName, x.product, x.status, x.expires_at AS ExpiresAt
        """);

    public Task<PagedResult<SynergyDomainRow>> ListDomainsAsync(Guid orgId, Guid? clientScope, SynergyListQuery query,
        CancellationToken cancellationToken) => ListAsync<SynergyDomainRow>(Domains, orgId, clientScope, query, cancellationToken);

    public Task<PagedResult<SynergyHostingRow>> ListHostingAsync(Guid orgId, Guid? clientScope, SynergyListQuery query,
        CancellationToken cancellationToken) => ListAsync<SynergyHostingRow>(Hosting, orgId, clientScope, query, cancellationToken);

    public Task<PagedResult<SynergyCertificateRow>> ListCertificatesAsync(Guid orgId, Guid? clientScope,
        SynergyListQuery query, CancellationToken cancellationToken) =>
        ListAsync<SynergyCertificateRow>(Certificates, orgId, clientScope, query, cancellationToken);

    /// <summary>Live counts per list, with those expiring within <see cref="SynergyListQuery.ExpiringSoonDays"/> days.</summary>
    public async Task<IReadOnlyDictionary<SynergyListKind, SynergyKindCounts>> SummaryAsync(Guid orgId, Guid? clientScope,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var parameters = new { orgId, clientScope, now, soon = now.AddDays(SynergyListQuery.ExpiringSoonDays) };
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var counts = new Dictionary<SynergyListKind, SynergyKindCounts>();
        foreach (var (kind, sql) in new[] { (SynergyListKind.Domains, Domains), (SynergyListKind.Hosting, Hosting),
            (SynergyListKind.Certificates, Certificates) })
        {
            var autoRenewOff = kind == SynergyListKind.Domains ? "count(*) FILTER (WHERE NOT x.auto_renew)::int" : "0";
            counts[kind] = await connection.QuerySingleAsync<SynergyKindCounts>(new CommandDefinition($"""
                SELECT count(*)::int AS Total,
                    count(*) FILTER (WHERE {sql.ExpiryColumn} >= @now AND {sql.ExpiryColumn} < @soon)::int AS ExpiringSoon,
                    count(*) FILTER (WHERE {sql.ExpiryColumn} < @now)::int AS Expired,
                    {autoRenewOff} AS AutoRenewOff,
                    count(*) FILTER (WHERE m.client_id IS NULL)::int AS Unmapped
                {From(sql)}
                """, parameters, cancellationToken: cancellationToken));
        }
        return counts;
    }

    private static string From(KindSql sql) => $"""
        FROM {sql.Table} x
        LEFT JOIN client_mappings m ON m.org_id = x.org_id AND m.vendor = 'synergy' AND m.external_id = x.account_external_id
        LEFT JOIN clients c ON c.org_id = x.org_id AND c.client_id = m.client_id
        WHERE x.org_id = @orgId AND x.removed_at IS NULL
          AND (@clientScope::uuid IS NULL OR m.client_id = @clientScope)
        """;

    private async Task<PagedResult<TRow>> ListAsync<TRow>(KindSql sql, Guid orgId, Guid? clientScope,
        SynergyListQuery query, CancellationToken cancellationToken)
    {
        var from = From(sql) + $"""

              AND (@clientId::uuid IS NULL OR m.client_id = @clientId)
              AND (@pattern::text IS NULL OR {sql.NameColumn} ILIKE @pattern OR x.account_name ILIKE @pattern
                   OR c.name ILIKE @pattern{(sql.CategoryColumn is null ? "" : $" OR {sql.CategoryColumn} ILIKE @pattern")})
              AND (@status::text IS NULL OR lower(x.status) = lower(@status))
              AND (@expiringBefore::timestamptz IS NULL OR ({sql.ExpiryColumn} >= @now AND {sql.ExpiryColumn} < @expiringBefore))
              {(query.AutoRenew is null ? "" : "AND x.auto_renew = @autoRenew")}
            """;
        var direction = query.Direction.ToSql();
        // Sort columns come from a closed set, never from the request text; the name breaks ties so pages are stable.
        var orderBy = query.Sort switch
        {
            SynergySortField.Client => $"lower(coalesce(c.name, x.account_name)) {direction} NULLS LAST, ",
            SynergySortField.Status => $"lower(x.status) {direction}, ",
            SynergySortField.Expiry => $"{sql.ExpiryColumn} {direction} NULLS LAST, ",
            SynergySortField.Plan or SynergySortField.Product when sql.CategoryColumn is not null =>
                $"lower({sql.CategoryColumn}) {direction}, ",
            _ => "",
        } + $"{sql.NameColumn} {direction}, {sql.KeyColumn} {direction}";
        var now = clock.GetUtcNow();
        var page = query.Page ?? new PageRequest(1, int.MaxValue);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition($"""
            SELECT count(*) {from};
            SELECT {sql.Select}, x.account_external_id AS AccountId, x.account_name AS AccountName,
                m.client_id AS ClientId, c.name AS ClientName, x.first_seen_at AS FirstSeenAt
            {from}
            ORDER BY {orderBy} LIMIT @limit OFFSET @offset;
            """, new
        {
            orgId,
            clientScope,
            query.ClientId,
            pattern = query.Search is null ? null : LikePatterns.Containing(query.Search),
            status = query.Status,
            now,
            expiringBefore = query.ExpiringWithinDays is { } days ? now.AddDays(days) : (DateTimeOffset?)null,
            autoRenew = query.AutoRenew ?? false,
            limit = query.Page is null ? (int?)null : page.PageSize,
            offset = page.Offset,
        }, cancellationToken: cancellationToken));
        var totalCount = await results.ReadSingleAsync<long>();
        var rows = await results.ReadAsync<TRow>();
        return new PagedResult<TRow>([.. rows], page.Page, query.Page is null ? (int)Math.Min(totalCount, int.MaxValue) : page.PageSize,
            totalCount);
    }
}
