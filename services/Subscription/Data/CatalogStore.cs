using BillingOne.BuildingBlocks.Auditing;
using BillingOne.BuildingBlocks.Data;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.Subscription.Domain.Licensing;
using Dapper;
using Npgsql;

namespace BillingOne.Subscription.Data;

/// <summary>
/// A live Pax8 product with its effective mapping: the override when a person set one (<see cref="Source"/> manual),
/// else what Pax8 says. <see cref="LicenceUnit"/> is device, user or null (counts as no licence). <see cref="Covers"/>
/// is what it covers and <see cref="CoversSource"/> how that was decided (<see cref="ProductCoverage.Of"/>): a
/// suggestion waits for a person's review.
/// </summary>
public sealed record CatalogProduct(
    Guid ProductId,
    string Name,
    string VendorName,
    string? Sku,
    string? LicenceUnit,
    decimal? UnitPrice,
    string? Currency,
    string Source,
    int ActiveSubscriptions,
    int ActiveQuantity,
    string? Covers,
    string? CoversSource);

public sealed record CatalogListQuery(string? Search, string? LicenceUnit, PageRequest Page);

/// <summary>
/// The product catalog mapping: Pax8's products (kept by the Pax8 sync) and the overrides people set, which no sync
/// touches. A change of an override recomputes every client's licences in its transaction (<see cref="ClientLicenseStore"/>).
/// </summary>
public sealed class CatalogStore(NpgsqlDataSource dataSource, ClientLicenseStore licenses, IAuditTrail audit, TimeProvider clock)
{
    public const string SourcePax8 = "pax8";
    public const string SourceManual = "manual";
    private const string AuditTable = "catalog_overrides";

    // Usage counts only what the caller may see: a client-scoped caller, its own client's subscriptions. Active is
    // LicensedSubscription.IsActiveAt: a subscription bought ahead counts from its start date.
    private const string From = """
        FROM pax8_products p
        LEFT JOIN catalog_overrides o ON o.org_id = p.org_id AND o.product_id = p.id
        LEFT JOIN LATERAL (
            SELECT count(*)::int AS active_subscriptions, coalesce(sum(s.quantity), 0)::int AS active_quantity,
                   min(s.currency) AS currency
            FROM pax8_subscriptions s
            LEFT JOIN client_mappings m ON m.org_id = s.org_id AND m.vendor = 'pax8' AND m.external_id = s.company_id::text
            WHERE s.org_id = p.org_id AND s.product_id = p.id AND s.removed_at IS NULL AND s.status = 'active'
              AND s.start_date <= @now AND (@clientScope::uuid IS NULL OR m.client_id = @clientScope)
        ) used ON true
        WHERE p.org_id = @orgId AND p.removed_at IS NULL
        """;

    private const string EffectiveUnit =
        "CASE WHEN o.product_id IS NULL THEN coalesce(p.licence_unit, 'none') ELSE o.licence_unit END";

    private const string Columns = $"""
        p.id AS ProductId, p.name, p.vendor_name AS VendorName, p.sku, {EffectiveUnit} AS LicenceUnit,
        coalesce(o.unit_price, p.unit_price) AS UnitPrice, trim(coalesce(p.currency, used.currency)) AS Currency,
        o.product_id IS NOT NULL AS Manual, used.active_subscriptions AS ActiveSubscriptions,
        used.active_quantity AS ActiveQuantity, o.covers AS DeviceClass
        """;

    private const string Filters = $"""
          AND (@search::text IS NULL OR p.name ILIKE @pattern OR p.vendor_name ILIKE @pattern OR p.sku ILIKE @pattern)
          AND (@licenceUnit::text IS NULL OR {EffectiveUnit} = @licenceUnit)
        """;

    public async Task<PagedResult<CatalogProduct>> ListAsync(Guid orgId, Guid? clientScope, CatalogListQuery query,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition($"""
            SELECT count(*) FROM pax8_products p LEFT JOIN catalog_overrides o ON o.org_id = p.org_id AND o.product_id = p.id
            WHERE p.org_id = @orgId AND p.removed_at IS NULL {Filters};
            SELECT {Columns} {From} {Filters} ORDER BY lower(p.name), p.id LIMIT @limit OFFSET @offset;
            """, new
        {
            orgId,
            clientScope,
            now = clock.GetUtcNow(),
            search = query.Search,
            pattern = LikePatterns.Containing(query.Search ?? ""),
            licenceUnit = query.LicenceUnit,
            limit = query.Page.PageSize,
            offset = query.Page.Offset,
        }, cancellationToken: cancellationToken));
        var total = await results.ReadSingleAsync<long>();
        var rows = await results.ReadAsync<ProductRow>();
        return new PagedResult<CatalogProduct>([.. rows.Select(row => row.ToProduct())], query.Page.Page,
            query.Page.PageSize, total);
    }

    /// <summary>Sets the product's override; null when the organization has no such live product.</summary>
    public async Task<CatalogProduct?> SetOverrideAsync(Guid orgId, Guid productId, CatalogOverride change,
        string changedBy, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await ProductExistsAsync(transaction, orgId, productId, cancellationToken))
        {
            return null;
        }
        await WriteOverrideAsync(transaction, orgId, productId, change, changedBy, cancellationToken);
        await licenses.RefreshAsync(transaction, orgId, null, cancellationToken);
        var product = await FindAsync(transaction, orgId, productId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return product;
    }

    /// <summary>
    /// Sets the mapping of every row's product in one transaction (a catalog CSV import), each audited as
    /// <see cref="SetOverrideAsync"/> does, and republishes the licence figures once. When a row names a product the
    /// organization does not have (live), nothing is set and the lines of those rows are returned.
    /// </summary>
    public async Task<IReadOnlyList<int>> ImportOverridesAsync(Guid orgId, IReadOnlyList<CatalogCsvRow> rows,
        string changedBy, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var unknown = new List<int>();
        foreach (var row in rows)
        {
            if (!await ProductExistsAsync(transaction, orgId, row.ProductId, cancellationToken))
            {
                unknown.Add(row.LineNumber);
            }
        }
        if (unknown.Count > 0)
        {
            return unknown;
        }
        foreach (var row in rows)
        {
            await WriteOverrideAsync(transaction, orgId, row.ProductId, row.Change, changedBy, cancellationToken);
        }
        await licenses.RefreshAsync(transaction, orgId, null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return [];
    }

    private async Task WriteOverrideAsync(NpgsqlTransaction transaction, Guid orgId, Guid productId,
        CatalogOverride change, string changedBy, CancellationToken cancellationToken)
    {
        var before = await CurrentOverrideAsync(transaction, orgId, productId, cancellationToken);
        await transaction.Connection!.ExecuteAsync(new CommandDefinition("""
            INSERT INTO catalog_overrides (org_id, product_id, licence_unit, unit_price, covers, updated_at, updated_by)
            VALUES (@orgId, @productId, @LicenceUnit, @UnitPrice, @Covers, @now, @changedBy)
            ON CONFLICT (org_id, product_id) DO UPDATE SET licence_unit = excluded.licence_unit,
                unit_price = excluded.unit_price, covers = excluded.covers, updated_at = excluded.updated_at,
                updated_by = excluded.updated_by
            """, new { orgId, productId, change.LicenceUnit, change.UnitPrice, change.Covers, now = clock.GetUtcNow(), changedBy },
            transaction, cancellationToken: cancellationToken));
        await audit.RecordAsync(transaction, before is null ? AuditActions.Create : AuditActions.Update, AuditTable,
            productId.ToString(), before, change, cancellationToken);
    }

    /// <summary>Goes back to Pax8's mapping of the product; false when the organization has no such live product.</summary>
    public async Task<bool> RemoveOverrideAsync(Guid orgId, Guid productId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await ProductExistsAsync(transaction, orgId, productId, cancellationToken))
        {
            return false;
        }
        var before = await CurrentOverrideAsync(transaction, orgId, productId, cancellationToken);
        if (before is not null)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM catalog_overrides WHERE org_id = @orgId AND product_id = @productId",
                new { orgId, productId }, transaction, cancellationToken: cancellationToken));
            await audit.RecordAsync(transaction, AuditActions.Delete, AuditTable, productId.ToString(), before, null,
                cancellationToken);
            await licenses.RefreshAsync(transaction, orgId, null, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private async Task<CatalogProduct?> FindAsync(NpgsqlTransaction transaction, Guid orgId, Guid productId,
        CancellationToken cancellationToken) =>
        (await transaction.Connection!.QuerySingleOrDefaultAsync<ProductRow>(new CommandDefinition(
            $"SELECT {Columns} {From} AND p.id = @productId",
            new { orgId, clientScope = (Guid?)null, now = clock.GetUtcNow(), productId },
            transaction, cancellationToken: cancellationToken)))?.ToProduct();

    // The row lock orders concurrent changes of one product, so each audit entry's "before" is what it replaced.
    private static async Task<bool> ProductExistsAsync(NpgsqlTransaction transaction, Guid orgId, Guid productId,
        CancellationToken cancellationToken) =>
        await transaction.Connection!.ExecuteScalarAsync<bool?>(new CommandDefinition("""
            SELECT true FROM pax8_products WHERE org_id = @orgId AND id = @productId AND removed_at IS NULL FOR UPDATE
            """, new { orgId, productId }, transaction, cancellationToken: cancellationToken)) ?? false;

    private static async Task<CatalogOverride?> CurrentOverrideAsync(NpgsqlTransaction transaction, Guid orgId,
        Guid productId, CancellationToken cancellationToken) =>
        await transaction.Connection!.QuerySingleOrDefaultAsync<CatalogOverride>(new CommandDefinition("""
            SELECT licence_unit AS LicenceUnit, unit_price AS UnitPrice, covers FROM catalog_overrides
            WHERE org_id = @orgId AND product_id = @productId
            """, new { orgId, productId }, transaction, cancellationToken: cancellationToken));

    private sealed record ProductRow(Guid ProductId, string Name, string VendorName, string? Sku, string LicenceUnit,
        decimal? UnitPrice, string? Currency, bool Manual, int ActiveSubscriptions, int ActiveQuantity,
        string? DeviceClass)
    {
        public CatalogProduct ToProduct()
        {
            var unit = LicenceUnit == LicenceUnits.None ? null : LicenceUnit;
            var coverage = ProductCoverage.Of(unit, DeviceClass, Manual, Name, VendorName);
            return new CatalogProduct(ProductId, Name, VendorName, Sku, unit, UnitPrice, Currency,
                Manual ? SourceManual : SourcePax8, ActiveSubscriptions, ActiveQuantity, coverage?.Covers, coverage?.Source);
        }
    }
}
