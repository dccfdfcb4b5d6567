using BillingOne.BuildingBlocks.Data;
using BillingOne.BuildingBlocks.Integrations;
using BillingOne.BuildingBlocks.Messaging;
using BillingOne.Contracts.Events;
using BillingOne.Subscription.Domain;
using BillingOne.Subscription.Domain.Licensing;
using BillingOne.Subscription.Domain.Mapping;
using Dapper;
using Npgsql;

namespace BillingOne.Subscription.Data;

/// <summary>A Pax8 company as stored for mapping; the fields whose change a sync counts.</summary>
public sealed record StoredCompany(string ExternalId, string Name, string? Website, string Status);

public sealed record StoredProduct(Guid Id, string Name, string VendorName, string? Sku, string? LicenceUnit,
    decimal? UnitPrice, string? Currency);

public sealed record StoredSubscription(Guid Id, Guid CompanyId, Guid ProductId, int Quantity, decimal UnitPrice,
    string Currency, string BillingTerm, string Status, DateTimeOffset StartDate, DateTimeOffset? EndDate);

/// <summary>Everything one Pax8 sync read, complete and checked.</summary>
public sealed record Pax8Listing(
    IReadOnlyList<StoredCompany> Companies,
    IReadOnlyList<StoredProduct> Products,
    IReadOnlyList<StoredSubscription> Subscriptions);

/// <summary>What a scoped run applied, and the read subscriptions it could not store yet (id and why).</summary>
public sealed record ScopedSubscriptionChanges(
    SnapshotChanges<StoredSubscription> Subscriptions,
    IReadOnlyList<(Guid Id, string Reason)> Skipped);

public sealed record Pax8SyncChanges(
    SnapshotChanges<StoredCompany> Companies,
    SnapshotChanges<StoredProduct> Products,
    SnapshotChanges<StoredSubscription> Subscriptions);

/// <summary>
/// Applies a complete Pax8 listing in one transaction: what is new or changed is upserted in batches, what the
/// listing lacks is marked removed (kept for mappings and history), and <see cref="SubscriptionsSynced"/> goes out
/// through the outbox. Then the new companies are matched to clients (<see cref="ClientMappingStore"/>) and the
/// clients whose licence figures moved are announced (<see cref="ClientLicenseStore"/>).
/// </summary>
public sealed class Pax8SyncStore(NpgsqlDataSource dataSource, IOutbox outbox, ClientMappingStore mappings,
    ClientLicenseStore licenses, TimeProvider clock)
{
    /// <param name="skippedSubscriptions">Listed but not usable: they keep their stored state instead of counting as removed.</param>
    public async Task<Pax8SyncChanges> ApplyAsync(Guid orgId, Guid runId, Pax8Listing listing,
        IReadOnlySet<Guid> skippedSubscriptions, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Two syncs of one organization never interleave (one run at a time), but a crashed run's retry could.
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(hashtext('pax8-sync:' || @orgId))",
            new { orgId = orgId.ToString() }, transaction, cancellationToken: cancellationToken));
        var now = clock.GetUtcNow();

        var companies = SnapshotDiff.Compare(await StoredCompaniesAsync(connection, transaction, orgId, cancellationToken),
            listing.Companies, company => company.ExternalId);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO vendor_accounts (org_id, vendor, external_id, name, attributes, first_seen_at, updated_at)
            SELECT @orgId, 'pax8', listed.id, listed.name,
                   jsonb_strip_nulls(jsonb_build_object('website', listed.website, 'status', listed.status)), @now, @now
            FROM unnest(@ids, @names, @websites, @statuses) AS listed(id, name, website, status)
            ON CONFLICT (org_id, vendor, external_id) DO UPDATE SET name = excluded.name,
                attributes = excluded.attributes, updated_at = excluded.updated_at, removed_at = NULL
            """, new
        {
            orgId,
            now,
            ids = companies.Upserts.Select(company => company.ExternalId).ToArray(),
            names = companies.Upserts.Select(company => company.Name).ToArray(),
            websites = companies.Upserts.Select(company => company.Website).ToArray(),
            statuses = companies.Upserts.Select(company => company.Status).ToArray(),
        }, transaction, cancellationToken: cancellationToken));
        await MarkRemovedAsync(connection, transaction, "vendor_accounts", "vendor = 'pax8' AND external_id = ANY(@keys)",
            orgId, companies.Removed.Select(company => company.ExternalId).ToArray(), now, cancellationToken);

        var products = SnapshotDiff.Compare(await StoredProductsAsync(connection, transaction, orgId, cancellationToken),
            listing.Products, product => product.Id);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO pax8_products (org_id, id, name, vendor_name, sku, licence_unit, unit_price, currency, updated_at)
            SELECT @orgId, listed.* , @now
            FROM unnest(@ids, @names, @vendorNames, @skus, @units, @prices, @currencies)
                AS listed(id, name, vendor_name, sku, licence_unit, unit_price, currency)
            ON CONFLICT (org_id, id) DO UPDATE SET name = excluded.name, vendor_name = excluded.vendor_name,
                sku = excluded.sku, licence_unit = excluded.licence_unit, unit_price = excluded.unit_price,
                currency = excluded.currency, updated_at = excluded.updated_at, removed_at = NULL
            """, new
        {
            orgId,
            now,
            ids = products.Upserts.Select(product => product.Id).ToArray(),
            names = products.Upserts.Select(product => product.Name).ToArray(),
            vendorNames = products.Upserts.Select(product => product.VendorName).ToArray(),
            skus = products.Upserts.Select(product => product.Sku).ToArray(),
            units = products.Upserts.Select(product => product.LicenceUnit).ToArray(),
            prices = products.Upserts.Select(product => product.UnitPrice).ToArray(),
            currencies = products.Upserts.Select(product => product.Currency).ToArray(),
        }, transaction, cancellationToken: cancellationToken));
        await MarkRemovedAsync(connection, transaction, "pax8_products", "id = ANY(@keys)", orgId,
            products.Removed.Select(product => product.Id).ToArray(), now, cancellationToken);

        var storedSubscriptions = await StoredSubscriptionsAsync(connection, transaction, orgId, cancellationToken);
        foreach (var id in skippedSubscriptions)
        {
            storedSubscriptions.Remove(id);
        }
        var subscriptions = SnapshotDiff.Compare(storedSubscriptions, listing.Subscriptions, subscription => subscription.Id);
        await UpsertSubscriptionsAsync(connection, transaction, orgId, subscriptions.Upserts.ToList(), now,
            cancellationToken);
        await MarkRemovedAsync(connection, transaction, "pax8_subscriptions", "id = ANY(@keys)", orgId,
            subscriptions.Removed.Select(subscription => subscription.Id).ToArray(), now, cancellationToken);

        var active = listing.Subscriptions.Count(subscription =>
            subscription.Status == LicensedSubscription.ActiveStatus && subscription.StartDate <= now);
        await outbox.EnqueueAsync(transaction, new SubscriptionsSynced(orgId, runId, now, subscriptions.Added.Count,
            subscriptions.Changed.Count, subscriptions.Removed.Count, active), cancellationToken);
        await mappings.AutoMatchAsync(transaction, orgId, VendorKinds.Pax8, cancellationToken);
        await licenses.RefreshAsync(transaction, orgId, null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new Pax8SyncChanges(companies, products, subscriptions);
    }

    /// <summary>
    /// Applies what Pax8 answered for some subscriptions only (a webhook-triggered run): those read are upserted, those
    /// Pax8 no longer has (404) are marked removed, and every other subscription, company and product stays as it is.
    /// A subscription naming a company or product this organization has not synced cannot be stored yet: it is
    /// returned as skipped, for the next full sync.
    /// </summary>
    public async Task<ScopedSubscriptionChanges> ApplySubscriptionsAsync(Guid orgId, Guid runId,
        IReadOnlyList<StoredSubscription> read, IReadOnlyList<Guid> gone, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(hashtext('pax8-sync:' || @orgId))",
            new { orgId = orgId.ToString() }, transaction, cancellationToken: cancellationToken));
        var now = clock.GetUtcNow();
        var known = (await connection.QueryAsync<(string Kind, string Id)>(new CommandDefinition("""
            SELECT 'company', external_id FROM vendor_accounts
            WHERE org_id = @orgId AND vendor = 'pax8' AND removed_at IS NULL AND external_id = ANY(@companyIds)
            UNION ALL
            SELECT 'product', id::text FROM pax8_products
            WHERE org_id = @orgId AND removed_at IS NULL AND id = ANY(@productIds)
            """, new
        {
            orgId,
            companyIds = read.Select(subscription => subscription.CompanyId.ToString()).Distinct().ToArray(),
            productIds = read.Select(subscription => subscription.ProductId).Distinct().ToArray(),
        }, transaction, cancellationToken: cancellationToken))).ToHashSet();
        var skipped = new List<(Guid Id, string Reason)>();
        var complete = new List<StoredSubscription>();
        foreach (var subscription in read)
        {
            if (!known.Contains(("company", subscription.CompanyId.ToString())))
            {
                skipped.Add((subscription.Id, $"names company {subscription.CompanyId}, which is not synced yet: a full sync brings it"));
            }
            else if (!known.Contains(("product", subscription.ProductId.ToString())))
            {
                skipped.Add((subscription.Id, $"names product {subscription.ProductId}, which is not synced yet: a full sync brings it"));
            }
            else
            {
                complete.Add(subscription);
            }
        }
        // Only the named subscriptions are compared, so the diff's "removed" are exactly those Pax8 answered 404 for.
        var named = complete.Select(subscription => subscription.Id).Concat(gone).ToHashSet();
        var stored = (await StoredSubscriptionsAsync(connection, transaction, orgId, cancellationToken))
            .Where(pair => named.Contains(pair.Key))
            .ToDictionary(pair => pair.Key, pair => pair.Value);
        var subscriptions = SnapshotDiff.Compare(stored, complete, subscription => subscription.Id);
        await UpsertSubscriptionsAsync(connection, transaction, orgId, subscriptions.Upserts.ToList(), now, cancellationToken);
        await MarkRemovedAsync(connection, transaction, "pax8_subscriptions", "id = ANY(@keys)", orgId,
            subscriptions.Removed.Select(subscription => subscription.Id).ToArray(), now, cancellationToken);
        var active = await connection.ExecuteScalarAsync<int>(new CommandDefinition("""
            SELECT count(*) FROM pax8_subscriptions
            WHERE org_id = @orgId AND removed_at IS NULL AND status = 'active' AND start_date <= @now
            """, new { orgId, now }, transaction, cancellationToken: cancellationToken));
        await outbox.EnqueueAsync(transaction, new SubscriptionsSynced(orgId, runId, now, subscriptions.Added.Count,
            subscriptions.Changed.Count, subscriptions.Removed.Count, active), cancellationToken);
        await licenses.RefreshAsync(transaction, orgId, null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ScopedSubscriptionChanges(subscriptions, skipped);
    }

    private static async Task UpsertSubscriptionsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        Guid orgId, IReadOnlyList<StoredSubscription> upserts, DateTimeOffset now, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO pax8_subscriptions (org_id, id, company_id, product_id, quantity, unit_price, currency,
                billing_term, status, start_date, end_date, first_seen_at, updated_at)
            SELECT @orgId, listed.*, @now, @now
            FROM unnest(@ids, @companyIds, @productIds, @quantities, @prices, @currencies, @terms, @statuses,
                        @starts, @ends)
                AS listed(id, company_id, product_id, quantity, unit_price, currency, billing_term, status, start_date,
                          end_date)
            ON CONFLICT (org_id, id) DO UPDATE SET company_id = excluded.company_id, product_id = excluded.product_id,
                quantity = excluded.quantity, unit_price = excluded.unit_price, currency = excluded.currency,
                billing_term = excluded.billing_term, status = excluded.status, start_date = excluded.start_date,
                end_date = excluded.end_date, updated_at = excluded.updated_at, removed_at = NULL
            """, new
        {
            orgId,
            now,
            ids = upserts.Select(subscription => subscription.Id).ToArray(),
            companyIds = upserts.Select(subscription => subscription.CompanyId).ToArray(),
            productIds = upserts.Select(subscription => subscription.ProductId).ToArray(),
            quantities = upserts.Select(subscription => subscription.Quantity).ToArray(),
            prices = upserts.Select(subscription => subscription.UnitPrice).ToArray(),
            currencies = upserts.Select(subscription => subscription.Currency).ToArray(),
            terms = upserts.Select(subscription => subscription.BillingTerm).ToArray(),
            statuses = upserts.Select(subscription => subscription.Status).ToArray(),
            starts = upserts.Select(subscription => subscription.StartDate.UtcDateTime).ToArray(),
            ends = upserts.Select(subscription => subscription.EndDate?.UtcDateTime).ToArray(),
        }, transaction, cancellationToken: cancellationToken));

    private static async Task MarkRemovedAsync<TKey>(NpgsqlConnection connection, NpgsqlTransaction transaction,
        string table, string condition, Guid orgId, TKey[] keys, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (keys.Length == 0)
        {
            return;
        }
        await connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE {table} SET removed_at = @now, updated_at = @now WHERE org_id = @orgId AND {condition}",
            new { orgId, keys, now }, transaction, cancellationToken: cancellationToken));
    }

    private static async Task<Dictionary<string, (StoredCompany, bool)>> StoredCompaniesAsync(NpgsqlConnection connection,
        NpgsqlTransaction transaction, Guid orgId, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<CompanyRow>(new CommandDefinition("""
            SELECT external_id AS ExternalId, name, attributes->>'website' AS Website, attributes->>'status' AS Status,
                   removed_at IS NULL AS Live
            FROM vendor_accounts WHERE org_id = @orgId AND vendor = 'pax8'
            """, new { orgId }, transaction, cancellationToken: cancellationToken)))
        .ToDictionary(row => row.ExternalId, row => (new StoredCompany(row.ExternalId, row.Name, row.Website, row.Status ?? ""), row.Live));

    private static async Task<Dictionary<Guid, (StoredProduct, bool)>> StoredProductsAsync(NpgsqlConnection connection,
        NpgsqlTransaction transaction, Guid orgId, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<ProductRow>(new CommandDefinition("""
            SELECT id, name, vendor_name AS VendorName, sku, licence_unit AS LicenceUnit, unit_price AS UnitPrice,
                   currency, removed_at IS NULL AS Live
            FROM pax8_products WHERE org_id = @orgId
            """, new { orgId }, transaction, cancellationToken: cancellationToken)))
        .ToDictionary(row => row.Id, row => (new StoredProduct(row.Id, row.Name, row.VendorName, row.Sku, row.LicenceUnit,
            row.UnitPrice, row.Currency), row.Live));

    private static async Task<Dictionary<Guid, (StoredSubscription, bool)>> StoredSubscriptionsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid orgId, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<SubscriptionRow>(new CommandDefinition("""
            SELECT id, company_id AS CompanyId, product_id AS ProductId, quantity, unit_price AS UnitPrice, currency,
                   billing_term AS BillingTerm, status, start_date AS StartDate, end_date AS EndDate,
                   removed_at IS NULL AS Live
            FROM pax8_subscriptions WHERE org_id = @orgId
            """, new { orgId }, transaction, cancellationToken: cancellationToken)))
        .ToDictionary(row => row.Id, row => (new StoredSubscription(row.Id, row.CompanyId, row.ProductId, row.Quantity,
            row.UnitPrice, row.Currency, row.BillingTerm, row.Status, UtcInstants.From(row.StartDate),
            UtcInstants.From(row.EndDate)), row.Live));

    private sealed record CompanyRow(string ExternalId, string Name, string? Website, string? Status, bool Live);

    private sealed record ProductRow(Guid Id, string Name, string VendorName, string? Sku, string? LicenceUnit,
        decimal? UnitPrice, string? Currency, bool Live);

    private sealed record SubscriptionRow(Guid Id, Guid CompanyId, Guid ProductId, int Quantity, decimal UnitPrice,
        string Currency, string BillingTerm, string Status, DateTime StartDate, DateTime? EndDate, bool Live);
}
