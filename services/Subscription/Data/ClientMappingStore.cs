using System.Text.Json;
using BillingOne.BuildingBlocks.Auditing;
using BillingOne.BuildingBlocks.Data;
using BillingOne.BuildingBlocks.Messaging;
using BillingOne.Contracts.Events;
using BillingOne.Subscription.Domain.Mapping;
using Dapper;
using Npgsql;

namespace BillingOne.Subscription.Data;

/// <summary>A vendor account as stored, with its mapping if it has one.</summary>
public sealed record VendorAccountRow(
    string Vendor,
    string ExternalId,
    string Name,
    string AttributesJson,
    DateTimeOffset? RemovedAt,
    Guid? ClientId,
    string? ClientName,
    string? Method,
    decimal? Score,
    DateTimeOffset? MappedAt);

/// <summary>A vendor's complete list of accounts, as a sync or a device snapshot read it.</summary>
public sealed record ListedAccount(string ExternalId, string Name, string AttributesJson);

/// <summary>
/// Vendor accounts, which client each belongs to, and the suggestions a person rejected. Every mapping change is
/// audited and announced (<see cref="ClientMappingChanged"/>) in its transaction; the decisions are the application's
/// (Application/ClientMappingWorkbench) and the domain's (<see cref="MatchingState"/>).
/// </summary>
public sealed class ClientMappingStore(NpgsqlDataSource dataSource, IOutbox outbox, IAuditTrail audit,
    ClientLicenseStore licenses, TimeProvider clock)
{
    private const string AuditTable = "client_mappings";

    private const string RowColumns = """
        a.vendor, a.external_id AS ExternalId, a.name, a.attributes::text AS AttributesJson, a.removed_at AS RemovedAt,
        m.client_id AS ClientId, c.name AS ClientName, m.method, m.score, m.mapped_at AS MappedAt
        """;

    /// <summary>
    /// Maps the vendor's unmapped live accounts that match one client for certain (<see cref="MatchingState.AutoMatches"/>),
    /// inside the caller's transaction (a sync's, a snapshot's), audited as the service.
    /// </summary>
    public async Task<int> AutoMatchAsync(NpgsqlTransaction transaction, Guid orgId, string vendor,
        CancellationToken cancellationToken)
    {
        var matches = (await MatchingStateAsync(transaction.Connection!, transaction, orgId, vendor, cancellationToken))
            .AutoMatches();
        foreach (var (vendorId, clientId) in matches)
        {
            await WriteAsync(transaction, orgId, vendor, vendorId, clientId, MappingMethods.Auto, 1m, "auto-match",
                AuditActor.Service(orgId), cancellationToken);
        }
        return matches.Count;
    }

    /// <summary>The vendor's live accounts by name, with their mappings.</summary>
    public async Task<IReadOnlyList<VendorAccountRow>> ListAsync(Guid orgId, Guid? clientScope,
        string vendor, string? search, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<MappingRow>(new CommandDefinition($"""
            SELECT {RowColumns}
            FROM vendor_accounts a
            LEFT JOIN client_mappings m USING (org_id, vendor, external_id)
            LEFT JOIN clients c ON c.org_id = m.org_id AND c.id = m.client_id
            WHERE a.org_id = @orgId AND a.vendor = @vendor AND a.removed_at IS NULL
              AND (@clientScope::uuid IS NULL OR m.client_id = @clientScope)
              AND (@search::text IS NULL OR a.name ILIKE @pattern OR a.external_id ILIKE @pattern OR c.name ILIKE @pattern)
            ORDER BY lower(a.name), a.external_id
            """, new { orgId, vendor, clientScope, search, pattern = LikePatterns.Containing(search ?? "") },
            cancellationToken: cancellationToken))).Select(row => row.ToRow()).ToList();
        return rows;
    }

    /// <summary>What the vendor's suggestions are computed from: its live accounts, mappings, rejections and the clients.</summary>
    public async Task<MatchingState> MatchingStateAsync(Guid orgId, string vendor, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await MatchingStateAsync(connection, null, orgId, vendor, cancellationToken);
    }

    /// <summary>The vendor account's name, for a client created from it; null when there is no such live account.</summary>
    public async Task<string?> AccountNameAsync(Guid orgId, string vendor, string externalId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition("""
            SELECT name FROM vendor_accounts
            WHERE org_id = @orgId AND vendor = @vendor AND external_id = @externalId AND removed_at IS NULL
            """, new { orgId, vendor, externalId }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Runs <paramref name="change"/> in one transaction and commits it, with the licences it moved recomputed unless it
    /// only read (a Pax8 company mapped, moved or unmapped moves the licences of its old and new client).
    /// </summary>
    public async Task<T> ChangeAsync<T>(Guid orgId, Func<NpgsqlTransaction, Task<T>> change,
        CancellationToken cancellationToken, bool readOnly = false)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var result = await change(transaction);
        if (!readOnly)
        {
            await licenses.RefreshAsync(transaction, orgId, null, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>
    /// Keeps <paramref name="accounts"/> as the vendor's complete list as of <paramref name="takenAt"/>: listed ones are
    /// kept (back if they had gone), the others marked removed (their mappings stay, for history).
    /// </summary>
    public async Task ReplaceAccountsAsync(NpgsqlTransaction transaction, Guid orgId, string vendor,
        DateTimeOffset takenAt, IReadOnlyList<ListedAccount> accounts, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        var at = takenAt.UtcDateTime;
        var ids = accounts.Select(account => account.ExternalId).ToArray();
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO vendor_accounts (org_id, vendor, external_id, name, attributes, first_seen_at, updated_at)
            SELECT @orgId, @vendor, listed.id, listed.name, listed.attributes::jsonb, @at, @at
            FROM unnest(@ids, @names, @attributes) AS listed(id, name, attributes)
            ON CONFLICT (org_id, vendor, external_id) DO UPDATE SET name = excluded.name,
                attributes = excluded.attributes, updated_at = excluded.updated_at, removed_at = NULL
            """, new
        {
            orgId,
            vendor,
            at,
            ids,
            names = accounts.Select(account => account.Name).ToArray(),
            attributes = accounts.Select(account => account.AttributesJson).ToArray(),
        }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE vendor_accounts SET removed_at = @at, updated_at = @at
            WHERE org_id = @orgId AND vendor = @vendor AND removed_at IS NULL AND NOT external_id = ANY(@ids)
            """, new { orgId, vendor, at, ids }, transaction, cancellationToken: cancellationToken));
    }

    /// <summary>An RMM organization's device counts, kept as its account's attributes.</summary>
    public static string RmmAttributes(string rmmVendor, int workstations, int servers, int otherDevices) =>
        JsonSerializer.Serialize(new { rmmVendor, workstations, servers, otherDevices });

    /// <summary>
    /// Whether a snapshot taken at <paramref name="takenAt"/> is older than the vendor's accounts already kept (a late
    /// redelivery), and so must change nothing.
    /// </summary>
    public static async Task<bool> IsStaleAsync(NpgsqlTransaction transaction, Guid orgId, string vendor,
        DateTimeOffset takenAt, CancellationToken cancellationToken)
    {
        var latest = await transaction.Connection!.ExecuteScalarAsync<DateTime?>(new CommandDefinition("""
            SELECT max(updated_at) FROM vendor_accounts WHERE org_id = @orgId AND vendor = @vendor
            """, new { orgId, vendor }, transaction, cancellationToken: cancellationToken));
        return latest is { } applied && applied > takenAt.UtcDateTime;
    }

    /// <summary>Maps the account to the client (a new mapping or a move), audited and announced.</summary>
    public async Task WriteAsync(NpgsqlTransaction transaction, Guid orgId, string vendor, string externalId,
        Guid clientId, string method, decimal? score, string mappedBy, AuditActor? actor,
        CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        var now = clock.GetUtcNow();
        var before = await connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition("""
            SELECT client_id FROM client_mappings WHERE org_id = @orgId AND vendor = @vendor AND external_id = @externalId
            FOR UPDATE
            """, new { orgId, vendor, externalId }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO client_mappings (org_id, vendor, external_id, client_id, method, score, mapped_at, mapped_by)
            VALUES (@orgId, @vendor, @externalId, @clientId, @method, @score, @now, @mappedBy)
            ON CONFLICT (org_id, vendor, external_id) DO UPDATE SET client_id = excluded.client_id,
                method = excluded.method, score = excluded.score, mapped_at = excluded.mapped_at, mapped_by = excluded.mapped_by
            """, new { orgId, vendor, externalId, clientId, method, score, now, mappedBy }, transaction,
            cancellationToken: cancellationToken));
        var recordId = $"{vendor}:{externalId}";
        object? oldValues = before is null ? null : new { clientId = before };
        var newValues = new { vendor, externalId, clientId, method };
        var action = before is null ? AuditActions.Create : AuditActions.Update;
        if (actor is null)
        {
            await audit.RecordAsync(transaction, action, AuditTable, recordId, oldValues, newValues, cancellationToken);
        }
        else
        {
            await audit.RecordAsync(transaction, actor, action, AuditTable, recordId, oldValues, newValues, cancellationToken);
        }
        await outbox.EnqueueAsync(transaction, new ClientMappingChanged(orgId, vendor, externalId, clientId, method, now),
            cancellationToken);
    }

    /// <summary>Removes the account's mapping to <paramref name="mappedTo"/>, audited and announced.</summary>
    public async Task UnmapAsync(NpgsqlTransaction transaction, Guid orgId, string vendor, string externalId,
        Guid mappedTo, CancellationToken cancellationToken)
    {
        await transaction.Connection!.ExecuteAsync(new CommandDefinition("""
            DELETE FROM client_mappings WHERE org_id = @orgId AND vendor = @vendor AND external_id = @externalId
            """, new { orgId, vendor, externalId }, transaction, cancellationToken: cancellationToken));
        await audit.RecordAsync(transaction, AuditActions.Delete, AuditTable, $"{vendor}:{externalId}",
            new { clientId = mappedTo }, null, cancellationToken);
        await outbox.EnqueueAsync(transaction, new ClientMappingChanged(orgId, vendor, externalId, null, null,
            clock.GetUtcNow()), cancellationToken);
    }

    /// <summary>Records that the client is never to be suggested for the account again, audited.</summary>
    public async Task RejectAsync(NpgsqlTransaction transaction, Guid orgId, string vendor, string externalId,
        Guid clientId, string rejectedBy, CancellationToken cancellationToken)
    {
        await transaction.Connection!.ExecuteAsync(new CommandDefinition("""
            INSERT INTO mapping_rejections (org_id, vendor, external_id, client_id, rejected_at, rejected_by)
            VALUES (@orgId, @vendor, @externalId, @clientId, @now, @rejectedBy) ON CONFLICT DO NOTHING
            """, new { orgId, vendor, externalId, clientId, now = clock.GetUtcNow(), rejectedBy },
            transaction, cancellationToken: cancellationToken));
        await audit.RecordAsync(transaction, "reject", "mapping_rejections", $"{vendor}:{externalId}",
            null, new { vendor, externalId, clientId }, cancellationToken);
    }

    /// <summary>A live account's name and the client it is mapped to; null when there is no such live account.</summary>
    public static async Task<(string Name, Guid? ClientId)?> CurrentAsync(NpgsqlTransaction transaction, Guid orgId,
        string vendor, string externalId, CancellationToken cancellationToken) =>
        await transaction.Connection!.QuerySingleOrDefaultAsync<AccountState>(new CommandDefinition("""
            SELECT a.name, m.client_id AS ClientId FROM vendor_accounts a
            LEFT JOIN client_mappings m USING (org_id, vendor, external_id)
            WHERE a.org_id = @orgId AND a.vendor = @vendor AND a.external_id = @externalId AND a.removed_at IS NULL
            """, new { orgId, vendor, externalId }, transaction, cancellationToken: cancellationToken)) is { } state
            ? (state.Name, state.ClientId)
            : null;

    public static async Task<bool> ClientExistsAsync(NpgsqlTransaction transaction, Guid orgId, Guid clientId,
        CancellationToken cancellationToken) =>
        await transaction.Connection!.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM clients WHERE org_id = @orgId AND id = @clientId)", new { orgId, clientId },
            transaction, cancellationToken: cancellationToken));

    /// <summary>The organization's clients, by name.</summary>
    public static async Task<IReadOnlyList<ClientCandidate>> ClientsAsync(NpgsqlTransaction transaction, Guid orgId,
        CancellationToken cancellationToken) =>
        await ClientsAsync(transaction.Connection!, transaction, orgId, cancellationToken);

    /// <summary>Every account's id as the vendor writes it, live or removed, with whether it is live.</summary>
    public static async Task<IReadOnlyList<(string Vendor, string ExternalId, bool Live)>> AccountIdsAsync(
        NpgsqlTransaction transaction, Guid orgId, CancellationToken cancellationToken) =>
        [.. await transaction.Connection!.QueryAsync<(string, string, bool)>(new CommandDefinition(
            "SELECT vendor, external_id, removed_at IS NULL FROM vendor_accounts WHERE org_id = @orgId", new { orgId },
            transaction, cancellationToken: cancellationToken))];

    private static async Task<List<ClientCandidate>> ClientsAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction,
        Guid orgId, CancellationToken cancellationToken) =>
        [.. await connection.QueryAsync<ClientCandidate>(new CommandDefinition(
            "SELECT id AS ClientId, name FROM clients WHERE org_id = @orgId ORDER BY name", new { orgId }, transaction,
            cancellationToken: cancellationToken))];

    private static async Task<MatchingState> MatchingStateAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction,
        Guid orgId, string vendor, CancellationToken cancellationToken)
    {
        var accounts = (await connection.QueryAsync<VendorAccountName>(new CommandDefinition("""
            SELECT external_id AS VendorId, name FROM vendor_accounts
            WHERE org_id = @orgId AND vendor = @vendor AND removed_at IS NULL
            """, new { orgId, vendor }, transaction, cancellationToken: cancellationToken))).ToList();
        var mapped = (await connection.QueryAsync<(string ExternalId, Guid ClientId)>(new CommandDefinition(
            "SELECT external_id, client_id FROM client_mappings WHERE org_id = @orgId AND vendor = @vendor",
            new { orgId, vendor }, transaction, cancellationToken: cancellationToken)))
            .ToDictionary(mapping => mapping.ExternalId, mapping => mapping.ClientId);
        var rejected = (await connection.QueryAsync<(string ExternalId, Guid ClientId)>(new CommandDefinition(
            "SELECT external_id, client_id FROM mapping_rejections WHERE org_id = @orgId AND vendor = @vendor",
            new { orgId, vendor }, transaction, cancellationToken: cancellationToken))).ToHashSet();
        return new MatchingState(accounts, await ClientsAsync(connection, transaction, orgId, cancellationToken), mapped,
            rejected);
    }

    private sealed record AccountState(string Name, Guid? ClientId);

    private sealed record MappingRow(string Vendor, string ExternalId, string Name, string AttributesJson, DateTime? RemovedAt,
        Guid? ClientId, string? ClientName, string? Method, decimal? Score, DateTime? MappedAt)
    {
        public VendorAccountRow ToRow() => new(Vendor, ExternalId, Name, AttributesJson, UtcInstants.From(RemovedAt),
            ClientId, ClientName, Method, Score, UtcInstants.From(MappedAt));
    }
}
