using System.Text.Json;
using BillingOne.BuildingBlocks.Auditing;
using BillingOne.BuildingBlocks.Data;
using BillingOne.BuildingBlocks.Messaging;
using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.Contracts.Events;
using BillingOne.Contracts.Money;
using BillingOne.Subscription.Connectors.Pax8;
using BillingOne.Subscription.Domain;
using BillingOne.Subscription.Domain.Licensing;
using Dapper;
using Npgsql;

namespace BillingOne.Subscription.Data;

/// <summary>
/// Computes clients' licence side (<see cref="ClientLicenseRule"/>) from the stored subscriptions, mappings and catalog,
/// and publishes <see cref="ClientLicensesChanged"/> through the outbox for each client whose figures moved since the
/// last publication (kept in <c>client_licenses</c>). Changes call <see cref="RefreshAsync"/> inside their own
/// transaction, so the event exists exactly when the change does.
/// </summary>
public sealed partial class ClientLicenseStore(NpgsqlDataSource dataSource, IOutbox outbox, IAuditTrail audit,
    TimeProvider clock, ILogger<ClientLicenseStore> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The client's figures as of now; null when the organization has no such client (or the scope hides it).</summary>
    public async Task<ClientLicenseFigures?> FindAsync(Guid orgId, Guid? clientScope, Guid clientId,
        CancellationToken cancellationToken)
    {
        if (!ClientScopes.Allows(clientScope, clientId))
        {
            return null;
        }
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var computed = await ComputeAsync(connection, null, orgId, [clientId], cancellationToken);
        return computed.TryGetValue(clientId, out var computation) ? computation.Figures : null;
    }

    /// <summary>
    /// Recomputes <paramref name="clientIds"/> (every client of the organization when null) and publishes those whose
    /// figures differ from the last published ones, or were never published. Returns how many it published.
    /// </summary>
    public Task<int> RefreshAsync(NpgsqlTransaction transaction, Guid orgId, IReadOnlyCollection<Guid>? clientIds,
        CancellationToken cancellationToken) =>
        PublishAsync(transaction, orgId, clientIds, onlyChanged: true, cancellationToken);

    /// <summary>The organizations whose figures were ever published: those the calendar can move.</summary>
    public async Task<IReadOnlyList<Guid>> PublishedOrganizationsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return [.. await connection.QueryAsync<Guid>(new CommandDefinition(
            "SELECT DISTINCT org_id FROM client_licenses", cancellationToken: cancellationToken))];
    }

    /// <summary>
    /// Recomputes every client of <paramref name="orgId"/> in a transaction of its own and publishes those whose figures
    /// moved: with no change behind it, only time can have moved them. Returns how many it published.
    /// </summary>
    public async Task<int> RefreshOrganizationAsync(Guid orgId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var published = await RefreshAsync(transaction, orgId, null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return published;
    }

    /// <summary>
    /// Publishes every client's current figures, changed or not (a read model elsewhere is being rebuilt), audited as
    /// the caller. Returns how many clients it published.
    /// </summary>
    public async Task<int> RepublishAsync(Guid orgId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var published = await PublishAsync(transaction, orgId, null, onlyChanged: false, cancellationToken);
        await audit.RecordAsync(transaction, AuditActions.Republish, "client_licenses", orgId.ToString(), null,
            new { clients = published }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return published;
    }

    private async Task<int> PublishAsync(NpgsqlTransaction transaction, Guid orgId, IReadOnlyCollection<Guid>? clientIds,
        bool onlyChanged, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        // Recomputations of one organization take turns, so each reads what the one before stored and versions
        // never repeat. Taken last in every change's transaction (after its row locks), so it cannot close a cycle.
        await connection.ExecuteAsync(new CommandDefinition(
            "SELECT pg_advisory_xact_lock(hashtext('client-licenses:' || @orgId))",
            new { orgId = orgId.ToString() }, transaction, cancellationToken: cancellationToken));
        var computed = await ComputeAsync(connection, transaction, orgId, clientIds, cancellationToken);
        var published = (await connection.QueryAsync<PublishedRow>(new CommandDefinition("""
            SELECT client_id AS ClientId, version, trim(currency) AS Currency, mrr_amount AS MrrAmount,
                   active_subscriptions AS ActiveSubscriptions, device_licenses AS DeviceLicenses,
                   user_licenses AS UserLicenses, device_license_unit_price AS DeviceLicenseUnitPrice,
                   mrr_history::text AS MrrHistory, subscriptions::text AS Subscriptions, products::text AS Products
            FROM client_licenses WHERE org_id = @orgId AND client_id = ANY(@clientIds)
            """, new { orgId, clientIds = computed.Keys.ToArray() }, transaction, cancellationToken: cancellationToken)))
            .ToDictionary(row => row.ClientId);

        var now = clock.GetUtcNow();
        var events = new List<ClientLicensesChanged>();
        foreach (var (clientId, computation) in computed)
        {
            var last = published.GetValueOrDefault(clientId);
            if (onlyChanged && last is not null && last.ToFigures().SameAs(computation.Figures))
            {
                continue;
            }
            if (computation.LeftOutCurrencies.Count > 0)
            {
                LogCurrenciesLeftOut(clientId, orgId, computation.Figures.Currency!, string.Join(", ", computation.LeftOutCurrencies));
            }
            var figures = computation.Figures;
            events.Add(new ClientLicensesChanged(orgId, clientId, (last?.Version ?? 0) + 1, now, figures.Currency,
                figures.MrrAmount, figures.ActiveSubscriptions, figures.DeviceLicenses, figures.UserLicenses,
                figures.DeviceLicenseUnitPrice, figures.MrrHistory, figures.Subscriptions, figures.Products));
        }
        await PublishUnmappedAsync(transaction, orgId, onlyChanged, now, cancellationToken);
        if (events.Count == 0)
        {
            return 0;
        }
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO client_licenses (org_id, client_id, version, currency, mrr_amount, active_subscriptions,
                device_licenses, user_licenses, device_license_unit_price, mrr_history, subscriptions, products, computed_at)
            SELECT @orgId, figures.client_id, figures.version, figures.currency, figures.mrr_amount,
                   figures.active_subscriptions, figures.device_licenses, figures.user_licenses,
                   figures.device_license_unit_price, figures.mrr_history::jsonb, figures.subscriptions::jsonb,
                   figures.products::jsonb, @now
            FROM unnest(@clientIds, @versions, @currencies, @mrrAmounts, @activeSubscriptions, @deviceLicenses,
                        @userLicenses, @unitPrices, @histories, @subscriptions, @products)
                AS figures(client_id, version, currency, mrr_amount, active_subscriptions, device_licenses,
                           user_licenses, device_license_unit_price, mrr_history, subscriptions, products)
            ON CONFLICT (org_id, client_id) DO UPDATE SET version = excluded.version, currency = excluded.currency,
                mrr_amount = excluded.mrr_amount, active_subscriptions = excluded.active_subscriptions,
                device_licenses = excluded.device_licenses, user_licenses = excluded.user_licenses,
                device_license_unit_price = excluded.device_license_unit_price, mrr_history = excluded.mrr_history,
                subscriptions = excluded.subscriptions, products = excluded.products, computed_at = excluded.computed_at
            """, new
        {
            orgId,
            now,
            clientIds = events.Select(changed => changed.ClientId).ToArray(),
            versions = events.Select(changed => changed.Version).ToArray(),
            currencies = events.Select(changed => changed.Currency).ToArray(),
            mrrAmounts = events.Select(changed => changed.MrrAmount).ToArray(),
            activeSubscriptions = events.Select(changed => changed.ActiveSubscriptions).ToArray(),
            deviceLicenses = events.Select(changed => changed.DeviceLicenses).ToArray(),
            userLicenses = events.Select(changed => changed.UserLicenses).ToArray(),
            unitPrices = events.Select(changed => changed.DeviceLicenseUnitPrice).ToArray(),
            histories = events.Select(changed => JsonSerializer.Serialize(changed.MrrHistory, Json)).ToArray(),
            subscriptions = events.Select(changed => JsonSerializer.Serialize(changed.Subscriptions, Json)).ToArray(),
            products = events.Select(changed => JsonSerializer.Serialize(changed.Products, Json)).ToArray(),
        }, transaction, cancellationToken: cancellationToken));
        await outbox.EnqueueAllAsync(transaction, events, cancellationToken);
        return events.Count;
    }

    /// <summary>
    /// Publishes <see cref="UnmappedSubscriptionsChanged"/> when the subscriptions of the companies mapped to no client
    /// differ from the last published list (always when not <paramref name="onlyChanged"/>): any change that can move a
    /// client's licences can move these too.
    /// </summary>
    private async Task PublishUnmappedAsync(NpgsqlTransaction transaction, Guid orgId, bool onlyChanged,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        var lines = (await connection.QueryAsync<SubscriptionRow>(new CommandDefinition($"""
            SELECT NULL::uuid AS ClientId, {LineColumns}
            FROM pax8_subscriptions s
            JOIN pax8_products p ON p.org_id = s.org_id AND p.id = s.product_id
            LEFT JOIN catalog_overrides o ON o.org_id = s.org_id AND o.product_id = s.product_id
            WHERE s.org_id = @orgId AND NOT EXISTS (
                SELECT 1 FROM client_mappings m
                WHERE m.org_id = s.org_id AND m.vendor = 'pax8' AND m.external_id = s.company_id::text)
            ORDER BY s.id
            """, new { orgId }, transaction, cancellationToken: cancellationToken))).Select(row => row.ToLine()).ToList();
        var last = await connection.QuerySingleOrDefaultAsync<PublishedUnmapped>(new CommandDefinition(
            "SELECT version, subscriptions::text AS Subscriptions FROM unmapped_subscriptions WHERE org_id = @orgId",
            new { orgId }, transaction, cancellationToken: cancellationToken));
        if (onlyChanged && (last is null ? lines.Count == 0
                : JsonSerializer.Deserialize<List<ClientSubscriptionLine>>(last.Subscriptions, Json)!.SequenceEqual(lines)))
        {
            return;
        }
        var changed = new UnmappedSubscriptionsChanged(orgId, (last?.Version ?? 0) + 1, now, lines);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO unmapped_subscriptions (org_id, version, subscriptions, computed_at)
            VALUES (@orgId, @version, @subscriptions::jsonb, @now)
            ON CONFLICT (org_id) DO UPDATE SET version = excluded.version, subscriptions = excluded.subscriptions,
                computed_at = excluded.computed_at
            """, new { orgId, version = changed.Version, subscriptions = JsonSerializer.Serialize(lines, Json), now },
            transaction, cancellationToken: cancellationToken));
        await outbox.EnqueueAllAsync(transaction, [changed], cancellationToken);
    }

    /// <summary>A subscription's columns as <see cref="SubscriptionRow"/> reads them, after its client id.</summary>
    private const string LineColumns = """
        s.id AS SubscriptionId, s.product_id AS ProductId, p.name AS ProductName,
        s.quantity, s.unit_price AS UnitPrice, trim(s.currency) AS Currency,
        s.billing_term AS BillingTerm, s.status, s.start_date AS StartDate, s.end_date AS EndDate,
        s.removed_at AS RemovedAt,
        CASE WHEN o.product_id IS NULL THEN p.licence_unit ELSE nullif(o.licence_unit, 'none') END AS LicenceUnit,
        o.covers AS DeviceClass, o.product_id IS NOT NULL AS Manual, p.vendor_name AS VendorName,
        coalesce(o.unit_price, p.unit_price) AS CatalogUnitPrice, trim(p.currency) AS CatalogCurrency
        """;

    /// <summary>The rule's answer for each of the clients (all of the organization's when null) that exists.</summary>
    private async Task<Dictionary<Guid, ClientLicenseComputation>> ComputeAsync(NpgsqlConnection connection,
        NpgsqlTransaction? transaction, Guid orgId, IReadOnlyCollection<Guid>? clientIds, CancellationToken cancellationToken)
    {
        var parameters = new { orgId, all = clientIds is null, clientIds = clientIds?.ToArray() ?? [] };
        var clients = await connection.QueryAsync<Guid>(new CommandDefinition("""
            SELECT id FROM clients WHERE org_id = @orgId AND (@all OR id = ANY(@clientIds))
            """, parameters, transaction, cancellationToken: cancellationToken));
        // Removed subscriptions stay in: they count in the history months before they went.
        var subscriptions = (await connection.QueryAsync<SubscriptionRow>(new CommandDefinition($"""
            SELECT m.client_id AS ClientId, {LineColumns}
            FROM pax8_subscriptions s
            JOIN client_mappings m ON m.org_id = s.org_id AND m.vendor = 'pax8' AND m.external_id = s.company_id::text
            JOIN pax8_products p ON p.org_id = s.org_id AND p.id = s.product_id
            LEFT JOIN catalog_overrides o ON o.org_id = s.org_id AND o.product_id = s.product_id
            WHERE s.org_id = @orgId AND (@all OR m.client_id = ANY(@clientIds))
            ORDER BY s.id
            """, parameters, transaction, cancellationToken: cancellationToken)))
            .ToLookup(row => row.ClientId!.Value);
        var now = clock.GetUtcNow();
        return clients.ToDictionary(clientId => clientId, clientId =>
        {
            var rows = subscriptions[clientId].ToList();
            var computation = ClientLicenseRule.Compute([.. rows.Select(row => row.ToSubscription())], now);
            return computation with
            {
                Figures = computation.Figures with { Subscriptions = [.. rows.Select(row => row.ToLine())] },
            };
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Client {ClientId} of organization {OrgId} has active subscriptions in several currencies: its MRR is in {Currency} and leaves out {LeftOut}")]
    private partial void LogCurrenciesLeftOut(Guid clientId, Guid orgId, string currency, string leftOut);

    private sealed record SubscriptionRow(Guid? ClientId, Guid SubscriptionId, Guid ProductId, string ProductName,
        int Quantity, decimal UnitPrice, string Currency,
        string BillingTerm, string Status, DateTime StartDate, DateTime? EndDate, DateTime? RemovedAt,
        string? LicenceUnit, string? DeviceClass, bool Manual, string VendorName, decimal? CatalogUnitPrice,
        string? CatalogCurrency)
    {
        // A price set without a currency (an override on a product Pax8 gives no price) is in the subscription's.
        public LicensedSubscription ToSubscription() => new(Quantity, new Money(UnitPrice, Currency),
            KebabNames.Parse<Pax8BillingTerm>(BillingTerm), Status, UtcInstants.From(StartDate), UtcInstants.From(EndDate),
            UtcInstants.From(RemovedAt), LicenceUnit,
            CatalogUnitPrice is { } price ? new Money(price, CatalogCurrency ?? Currency) : null, ProductId, ProductName,
            ProductCoverage.Of(LicenceUnit, DeviceClass, Manual, ProductName, VendorName)?.Covers);

        public ClientSubscriptionLine ToLine() => new(SubscriptionId, ProductId, ProductName, Quantity, UnitPrice,
            Currency, BillingTerm, Status, UtcInstants.From(StartDate), UtcInstants.From(EndDate), UtcInstants.From(RemovedAt));
    }

    private sealed record PublishedUnmapped(long Version, string Subscriptions);

    private sealed record PublishedRow(Guid ClientId, long Version, string? Currency, decimal MrrAmount,
        int ActiveSubscriptions, int DeviceLicenses, int UserLicenses, decimal? DeviceLicenseUnitPrice, string MrrHistory,
        string? Subscriptions, string? Products)
    {
        public ClientLicenseFigures ToFigures() => new(Currency, MrrAmount, ActiveSubscriptions, DeviceLicenses,
            UserLicenses, DeviceLicenseUnitPrice,
            JsonSerializer.Deserialize<List<MonthlyRecurringRevenue>>(MrrHistory, Json)!,
            Subscriptions is null ? null : JsonSerializer.Deserialize<List<ClientSubscriptionLine>>(Subscriptions, Json),
            Products is null ? null : JsonSerializer.Deserialize<List<CoveringProduct>>(Products, Json));
    }
}
