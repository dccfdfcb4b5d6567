using BillingOne.BuildingBlocks.Data;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.Projection.Domain;
using Dapper;
using Npgsql;

namespace BillingOne.Projection.Data;

/// <summary>
/// Reads the <c>client_billing_snapshots</c> read model (written by the event appliers) and the clients' invoice copies.
/// A row whose client is not known yet (figures arrived before its ClientUpserted) is not shown.
/// </summary>
public sealed class ClientSnapshotStore(NpgsqlDataSource dataSource)
{
    private const string Columns = """
        client_id AS ClientId, name AS Name, enabled AS Enabled, time_zone AS TimeZone, mrr_amount AS MrrAmount,
        mrr_currency AS MrrCurrency, subscription_count AS Subscriptions, device_count AS Devices,
        license_count AS Licenses, user_license_count AS UserLicenses, variance AS Variance, status AS Status,
        snapshot_taken_at AS SnapshotTakenAt, missed_billing_open AS MissedBillingOpen,
        missed_billing_currency AS MissedBillingCurrency, updated_at AS UpdatedAt
        """;

    /// <summary>Known clients a client-scoped caller may see: only its own (null scope: every client).</summary>
    public const string Shown = "client_version > 0 AND (@clientScope::uuid IS NULL OR client_id = @clientScope)";

    public async Task<ClientBillingSnapshot?> FindAsync(Guid orgId, Guid? clientScope, Guid clientId,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<SnapshotRow>(new CommandDefinition($"""
            SELECT {Columns} FROM client_billing_snapshots WHERE org_id = @orgId AND client_id = @clientId AND {Shown}
            """, new { orgId, clientId, clientScope }, cancellationToken: cancellationToken));
        return row?.ToSnapshot();
    }

    /// <summary>
    /// The invoice figures of the client in the row aliased <c>snapshot</c>, the one definition the detail and the list
    /// read: <see cref="InvoiceFiguresColumns"/> names them as <see cref="ClientInvoiceFigures"/>. The latest invoice is
    /// the one issued last (then changed last); voided and deleted invoices count as invoices but not as spend, which
    /// is in the currency of the latest one that counts.
    /// </summary>
    private const string InvoiceFiguresJoin = """
        CROSS JOIN LATERAL (
            SELECT count(*) AS invoices,
                   (array_agg(invoice.currency
                        ORDER BY invoice.issue_date DESC NULLS LAST, invoice.updated_at DESC, invoice.invoice_id DESC)
                        FILTER (WHERE invoice.status NOT IN ('voided', 'deleted')))[1] AS spend_currency,
                   (array_agg(invoice.contact_name
                        ORDER BY invoice.issue_date DESC NULLS LAST, invoice.updated_at DESC, invoice.invoice_id DESC))[1]
                        AS billing_contact
            FROM invoice_copies invoice
            WHERE invoice.org_id = snapshot.org_id AND invoice.client_id = snapshot.client_id
        ) invoice_figures
        CROSS JOIN LATERAL (
            SELECT sum(invoice.total) AS amount FROM invoice_copies invoice
            WHERE invoice.org_id = snapshot.org_id AND invoice.client_id = snapshot.client_id
              AND invoice.status NOT IN ('voided', 'deleted') AND invoice.currency = invoice_figures.spend_currency
        ) spend
        """;

    private const string InvoiceFiguresColumns = """
        invoice_figures.invoices AS Invoices, spend.amount AS SpendAmount, invoice_figures.spend_currency AS SpendCurrency,
        invoice_figures.billing_contact AS BillingContact
        """;

    /// <summary>The client's invoice figures (the detail's; the list reads the same per row).</summary>
    public async Task<ClientInvoiceFigures> InvoiceFiguresAsync(Guid orgId, Guid clientId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleAsync<ClientInvoiceFigures>(new CommandDefinition($"""
            SELECT {InvoiceFiguresColumns}
            FROM (SELECT @orgId::uuid AS org_id, @clientId::uuid AS client_id) snapshot
            {InvoiceFiguresJoin}
            """, new { orgId, clientId }, cancellationToken: cancellationToken));
    }

    public async Task<PagedResult<ClientListEntry>> ListAsync(Guid orgId, Guid? clientScope, ClientSnapshotQuery query,
        CancellationToken cancellationToken)
    {
        var conditions = new List<string> { "org_id = @orgId", Shown };
        if (query.Search is not null)
        {
            conditions.Add("name ILIKE @pattern");
        }
        if (query.Status is not null)
        {
            // A disabled client is listed (marked) but not reconciled: its last status is no longer a finding, and the
            // dashboard's under-licensed count, which links here, leaves it out too. It has a filter of its own.
            conditions.Add("status = @status AND enabled");
        }
        if (query.Disabled)
        {
            conditions.Add("NOT enabled");
        }
        var filter = string.Join(" AND ", conditions);
        var direction = query.Direction.ToSql();
        // Sort columns come from a closed set, never from the request text. Equal figures fall back to the name,
        // then the id, so pages are stable. Clients without the figure (no snapshot, no spend) come last either way;
        // spend in different currencies is not comparable, so it is grouped by currency (A–Z) and ordered within it.
        var orderBy = query.Sort switch
        {
            ClientSnapshotSortField.Name => $"lower(name) {direction}, client_id {direction}",
            ClientSnapshotSortField.Subscriptions => $"subscription_count {direction}, lower(name), client_id",
            ClientSnapshotSortField.Devices => $"device_count {direction}, lower(name), client_id",
            ClientSnapshotSortField.Licenses => $"license_count {direction}, lower(name), client_id",
            ClientSnapshotSortField.Variance => $"variance {direction} NULLS LAST, lower(name), client_id",
            ClientSnapshotSortField.TotalSpend =>
                $"invoice_figures.spend_currency NULLS LAST, spend.amount {direction}, lower(name), client_id",
            _ => $"mrr_amount {direction}, lower(name), client_id",
        };
        var parameters = new
        {
            orgId,
            clientScope,
            pattern = query.Search is null ? null : LikePatterns.Containing(query.Search),
            status = query.Status?.ToCode(),
            limit = query.Page.PageSize,
            offset = query.Page.Offset,
        };

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var totalCount = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT count(*) FROM client_billing_snapshots WHERE {filter}", parameters,
            cancellationToken: cancellationToken));
        // One statement for the page: each row's invoice figures come with it (split at their first column).
        var entries = await connection.QueryAsync<SnapshotRow, ClientInvoiceFigures, ClientListEntry>(
            new CommandDefinition($"""
                SELECT {Columns}, {InvoiceFiguresColumns}
                FROM client_billing_snapshots snapshot {InvoiceFiguresJoin}
                WHERE {filter} ORDER BY {orderBy} LIMIT @limit OFFSET @offset
                """, parameters, cancellationToken: cancellationToken),
            (row, invoices) => new ClientListEntry(row.ToSnapshot(), invoices), splitOn: "Invoices");
        return new PagedResult<ClientListEntry>([.. entries], query.Page.Page, query.Page.PageSize, totalCount);
    }

    private sealed record SnapshotRow(Guid ClientId, string Name, bool Enabled, string TimeZone, decimal MrrAmount,
        string? MrrCurrency, int Subscriptions, int Devices, int Licenses, int UserLicenses, int? Variance, string Status,
        DateTime? SnapshotTakenAt, decimal MissedBillingOpen, string? MissedBillingCurrency, DateTime UpdatedAt)
    {
        public ClientBillingSnapshot ToSnapshot() => new(ClientId, Name, Enabled, TimeZone, MrrAmount, MrrCurrency,
            Subscriptions, Devices, Licenses, UserLicenses, Variance,
            ClientBillingStatuses.FromCode(Status)
                ?? throw new InvalidOperationException($"Unknown client billing status '{Status}' in the read model."),
            SnapshotTakenAt is { } taken ? new DateTimeOffset(taken, TimeSpan.Zero) : null, MissedBillingOpen,
            MissedBillingCurrency, new DateTimeOffset(UpdatedAt, TimeSpan.Zero));
    }
}
