using BillingOne.BuildingBlocks.Data;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.Subscription.Domain;
using Dapper;
using Npgsql;

namespace BillingOne.Subscription.Data;

/// <summary>
/// A Pax8 subscription with its company, product (its licence unit as the catalog mapping counts it) and (when the
/// company is mapped) client.
/// </summary>
public sealed record SubscriptionView(
    Guid Id,
    Guid? ClientId,
    string? ClientName,
    Guid CompanyId,
    string CompanyName,
    Guid ProductId,
    string ProductName,
    string VendorName,
    string? Sku,
    string? LicenceUnit,
    int Quantity,
    decimal UnitPrice,
    string Currency,
    string BillingTerm,
    string Status,
    DateTimeOffset StartDate,
    DateTimeOffset? EndDate,
    DateTimeOffset UpdatedAt);

/// <summary>
/// Reads the synced subscriptions (never the ones a sync found removed). A client-scoped caller sees only the
/// subscriptions of companies mapped to its client.
/// </summary>
public sealed class SubscriptionStore(NpgsqlDataSource dataSource)
{
    private const string From = """
        FROM pax8_subscriptions s
        JOIN vendor_accounts a ON a.org_id = s.org_id AND a.vendor = 'pax8' AND a.external_id = s.company_id::text
        JOIN pax8_products p ON p.org_id = s.org_id AND p.id = s.product_id
        LEFT JOIN catalog_overrides o ON o.org_id = s.org_id AND o.product_id = s.product_id
        LEFT JOIN client_mappings m ON m.org_id = s.org_id AND m.vendor = 'pax8' AND m.external_id = a.external_id
        LEFT JOIN clients c ON c.org_id = m.org_id AND c.id = m.client_id
        WHERE s.org_id = @orgId AND s.removed_at IS NULL
          AND (@clientScope::uuid IS NULL OR m.client_id = @clientScope)
        """;

    private const string Columns = """
        s.id, m.client_id AS ClientId, c.name AS ClientName, s.company_id AS CompanyId, a.name AS CompanyName,
        s.product_id AS ProductId, p.name AS ProductName, p.vendor_name AS VendorName, p.sku,
        CASE WHEN o.product_id IS NULL THEN p.licence_unit ELSE nullif(o.licence_unit, 'none') END AS LicenceUnit,
        s.quantity, s.unit_price AS UnitPrice, s.currency, s.billing_term AS BillingTerm, s.status,
        s.start_date AS StartDate, s.end_date AS EndDate, s.updated_at AS UpdatedAt
        """;

    private const string Filters = """
          AND (@status::text IS NULL OR s.status = @status)
          AND (@clientId::uuid IS NULL OR m.client_id = @clientId)
          AND (@search::text IS NULL OR c.name ILIKE @pattern OR a.name ILIKE @pattern OR p.name ILIKE @pattern
               OR p.sku ILIKE @pattern OR s.id::text ILIKE @pattern)
        """;

    public async Task<PagedResult<SubscriptionView>> ListAsync(Guid orgId, Guid? clientScope, SubscriptionListQuery query,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition($"""
            SELECT count(*) {From} {Filters};
            SELECT {Columns} {From} {Filters}
            ORDER BY {OrderBy(query)} LIMIT @limit OFFSET @offset;
            """, Parameters(orgId, clientScope, query, query.Page.PageSize, query.Page.Offset),
            cancellationToken: cancellationToken));
        var total = await results.ReadSingleAsync<long>();
        var rows = await results.ReadAsync<SubscriptionRow>();
        return new PagedResult<SubscriptionView>([.. rows.Select(row => row.ToView())], query.Page.Page,
            query.Page.PageSize, total);
    }

    /// <summary>Every subscription the query's filters select, in its order, for export.</summary>
    public async Task<IReadOnlyList<SubscriptionView>> ExportAsync(Guid orgId, Guid? clientScope, SubscriptionListQuery query,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<SubscriptionRow>(new CommandDefinition($"""
            SELECT {Columns} {From} {Filters} ORDER BY {OrderBy(query)}
            """, Parameters(orgId, clientScope, query, null, 0), cancellationToken: cancellationToken));
        return [.. rows.Select(row => row.ToView())];
    }

    public async Task<SubscriptionView?> FindAsync(Guid orgId, Guid? clientScope, Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<SubscriptionRow>(new CommandDefinition(
            $"SELECT {Columns} {From} AND s.id = @id", new { orgId, clientScope, id }, cancellationToken: cancellationToken));
        return row?.ToView();
    }

    private static object Parameters(Guid orgId, Guid? clientScope, SubscriptionListQuery query, int? limit, long offset) => new
    {
        orgId,
        clientScope,
        status = query.Status,
        clientId = query.ClientId,
        search = query.Search,
        pattern = LikePatterns.Containing(query.Search ?? ""),
        limit,
        offset,
    };

    // Unmapped companies sort by their own name among the clients; the id makes the order total, so pages never overlap.
    private static string OrderBy(SubscriptionListQuery query)
    {
        var direction = query.Direction.ToSql();
        var column = query.Sort switch
        {
            SubscriptionSortField.Client => "lower(coalesce(c.name, a.name))",
            SubscriptionSortField.Product => "lower(p.name)",
            SubscriptionSortField.Quantity => "s.quantity",
            SubscriptionSortField.Price => "s.unit_price",
            SubscriptionSortField.Status => "s.status",
            SubscriptionSortField.StartDate => "s.start_date",
            _ => throw new ArgumentOutOfRangeException(nameof(query), query.Sort, "Unknown sort field."),
        };
        return $"{column} {direction}, lower(p.name), s.id";
    }

    private sealed record SubscriptionRow(Guid Id, Guid? ClientId, string? ClientName, Guid CompanyId, string CompanyName,
        Guid ProductId, string ProductName, string VendorName, string? Sku, string? LicenceUnit, int Quantity,
        decimal UnitPrice, string Currency, string BillingTerm, string Status, DateTime StartDate, DateTime? EndDate,
        DateTime UpdatedAt)
    {
        public SubscriptionView ToView() => new(Id, ClientId, ClientName, CompanyId, CompanyName, ProductId, ProductName,
            VendorName, Sku, LicenceUnit, Quantity, UnitPrice, Currency.Trim(), BillingTerm, Status,
            UtcInstants.From(StartDate), UtcInstants.From(EndDate), UtcInstants.From(UpdatedAt));
    }
}
