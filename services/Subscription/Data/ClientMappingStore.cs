using System.Text.Json;
using BillingOne.BuildingBlocks.Auditing;
using BillingOne.BuildingBlocks.Data;
using BillingOne.BuildingBlocks.Messaging;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.Contracts.Events;
using BillingOne.Subscription.Domain.Mapping;
using Dapper;
using Npgsql;

namespace BillingOne.Subscription.Data;

/// <summary>A vendor account with its mapping (if any) and, when unmapped, the likeliest clients.</summary>
public sealed record VendorAccountMapping(
    string Vendor,
    string ExternalId,
    string Name,
    string AttributesJson,
    DateTimeOffset? RemovedAt,
    Guid? ClientId,
    string? ClientName,
    string? Method,
    decimal? Score,
    DateTimeOffset? MappedAt,
    IReadOnlyList<MatchSuggestion> Suggestions);

public sealed record MappingRequestItem(string Vendor, string ExternalId, Guid? ClientId);

public sealed record MappingChangeResult(string Vendor, string ExternalId, Guid? ClientId, string Outcome, string Reason);

public sealed record MappingCounts(int Total, int Mapped, int Unmapped, int WithSuggestions);

/// <summary>
/// Which client each vendor account belongs to. Every change is audited and announced (<see cref="ClientMappingChanged"/>,
/// and <see cref="ClientLicensesChanged"/> for the clients whose licences it moves) in its transaction; suggestions are computed when asked for, from the current clients and accounts, minus the ones a
/// person rejected.
/// </summary>
public sealed class ClientMappingStore(NpgsqlDataSource dataSource, IOutbox outbox, IAuditTrail audit,
    ClientLicenseStore licenses, TimeProvider clock)
{
    private const string AuditTable = "client_mappings";

    /// <summary>
    /// Maps the vendor's unmapped live accounts whose name matches exactly one client and no other account (see
    /// <see cref="ClientMatcher"/>), inside the sync's transaction, audited as the service.
    /// </summary>
    public async Task<int> AutoMatchAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid orgId,
        string vendor, CancellationToken cancellationToken)
    {
        var state = await LoadAsync(connection, transaction, orgId, vendor, cancellationToken);
        var matches = ClientMatcher.Match(state.Accounts.Select(account => new VendorAccountName(account.ExternalId, account.Name)).ToList(),
            state.Clients);
        var mapped = 0;
        foreach (var match in matches)
        {
            if (match.AutoMatchedClientId is { } clientId && !state.Mapped.ContainsKey(match.VendorId)
                && !state.Rejected.Contains((match.VendorId, clientId)))
            {
                await WriteAsync(connection, transaction, orgId, vendor, match.VendorId, clientId, MappingMethods.Auto, 1m,
                    "auto-match", AuditActor.Service(orgId), cancellationToken);
                mapped++;
            }
        }
        return mapped;
    }

    public async Task<PagedResult<VendorAccountMapping>> ListAsync(Guid orgId, Guid? clientScope, string vendor,
        string? state, string? search, PageRequest page, CancellationToken cancellationToken)
    {
        var listed = (await ListAllAsync(orgId, clientScope, vendor, search, cancellationToken))
            .Where(mapping => state switch
            {
                "mapped" => mapping.ClientId is not null,
                "unmapped" => mapping.ClientId is null,
                "suggested" => mapping.ClientId is null && mapping.Suggestions.Count > 0,
                _ => true,
            })
            .ToList();
        return new PagedResult<VendorAccountMapping>([.. listed.Skip((int)page.Offset).Take(page.PageSize)], page.Page,
            page.PageSize, listed.Count);
    }

    public async Task<IReadOnlyDictionary<string, MappingCounts>> SummaryAsync(Guid orgId, Guid? clientScope,
        CancellationToken cancellationToken)
    {
        var summary = new Dictionary<string, MappingCounts>();
        foreach (var vendor in VendorKinds.All)
        {
            var all = await ListAllAsync(orgId, clientScope, vendor, null, cancellationToken);
            summary[vendor] = new MappingCounts(all.Count, all.Count(mapping => mapping.ClientId is not null),
                all.Count(mapping => mapping.ClientId is null),
                all.Count(mapping => mapping.ClientId is null && mapping.Suggestions.Count > 0));
        }
        return summary;
    }

    /// <summary>The vendor's live accounts, by name, with mappings and (for unmapped ones) suggestions.</summary>
    private async Task<List<VendorAccountMapping>> ListAllAsync(Guid orgId, Guid? clientScope, string vendor,
        string? search, CancellationToken cancellationToken)
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
            cancellationToken: cancellationToken))).ToList();
        var suggestions = await SuggestionsAsync(connection, orgId, vendor,
            rows.Where(row => row.ClientId is null).ToList(), cancellationToken);
        return [.. rows.Select(row => row.ToMapping(suggestions.GetValueOrDefault(row.ExternalId) ?? []))];
    }

    /// <summary>Maps each item's account to its client (a person's choice or an import), one transaction for all.</summary>
    public Task<IReadOnlyList<MappingChangeResult>> ApplyAsync(Guid orgId, IReadOnlyList<MappingRequestItem> items,
        string method, string mappedBy, CancellationToken cancellationToken) =>
        ChangeEachAsync(orgId, items, requireClient: true, async (connection, transaction, item, current, clientId) =>
        {
            if (current.ClientId == clientId)
            {
                return Result(item, "unchanged", $"'{current.Name}' is already mapped to this client.");
            }
            await WriteAsync(connection, transaction, orgId, item.Vendor, item.ExternalId, clientId!.Value, method, null,
                mappedBy, null, cancellationToken);
            return Result(item, "applied", $"'{current.Name}' is now mapped to this client.");
        }, cancellationToken);

    /// <summary>Turns suggestions down for good; an account mapped to the rejected client is unmapped.</summary>
    public Task<IReadOnlyList<MappingChangeResult>> RejectAsync(Guid orgId, IReadOnlyList<MappingRequestItem> items,
        string rejectedBy, CancellationToken cancellationToken) =>
        ChangeEachAsync(orgId, items, requireClient: true, async (connection, transaction, item, current, clientId) =>
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO mapping_rejections (org_id, vendor, external_id, client_id, rejected_at, rejected_by)
                VALUES (@orgId, @Vendor, @ExternalId, @clientId, @now, @rejectedBy) ON CONFLICT DO NOTHING
                """, new { orgId, item.Vendor, item.ExternalId, clientId, now = clock.GetUtcNow(), rejectedBy },
                transaction, cancellationToken: cancellationToken));
            await audit.RecordAsync(transaction, "reject", "mapping_rejections", $"{item.Vendor}:{item.ExternalId}",
                null, new { item.Vendor, item.ExternalId, clientId }, cancellationToken);
            if (current.ClientId == clientId)
            {
                await UnmapAsync(connection, transaction, orgId, item.Vendor, item.ExternalId, clientId, cancellationToken);
            }
            return Result(item, "rejected", $"'{current.Name}' will not be suggested for this client again.");
        }, cancellationToken);

    public Task<IReadOnlyList<MappingChangeResult>> UnmapAsync(Guid orgId, IReadOnlyList<MappingRequestItem> items,
        CancellationToken cancellationToken) =>
        ChangeEachAsync(orgId, items, requireClient: false, async (connection, transaction, item, current, _) =>
        {
            if (current.ClientId is not { } mappedTo)
            {
                return Result(item, "unchanged", $"'{current.Name}' is not mapped.");
            }
            await UnmapAsync(connection, transaction, orgId, item.Vendor, item.ExternalId, mappedTo, cancellationToken);
            return Result(item with { ClientId = mappedTo }, "unmapped", $"'{current.Name}' is no longer mapped.");
        }, cancellationToken);

    /// <summary>
    /// Applies <paramref name="change"/> to each item whose account exists (and whose client does, when
    /// <paramref name="requireClient"/>), answering the others with why not; all in one transaction.
    /// </summary>
    private async Task<IReadOnlyList<MappingChangeResult>> ChangeEachAsync(Guid orgId, IReadOnlyList<MappingRequestItem> items,
        bool requireClient, Func<NpgsqlConnection, NpgsqlTransaction, MappingRequestItem, AccountState, Guid?, Task<MappingChangeResult>> change,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var results = new List<MappingChangeResult>();
        foreach (var item in items)
        {
            var current = await CurrentAsync(connection, transaction, orgId, item, cancellationToken);
            if (current is null)
            {
                results.Add(Result(item, "unknown-account", $"There is no {item.Vendor} account '{item.ExternalId}'."));
            }
            else if (requireClient && (item.ClientId is not { } clientId
                         || !await ClientExistsAsync(connection, transaction, orgId, clientId, cancellationToken)))
            {
                results.Add(Result(item, "unknown-client", $"There is no client '{item.ClientId}' in this organization."));
            }
            else
            {
                results.Add(await change(connection, transaction, item, current, item.ClientId));
            }
        }
        // A Pax8 company mapped, moved or unmapped moves the licences of its old and new client.
        await licenses.RefreshAsync(transaction, orgId, null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return results;
    }

    /// <summary>
    /// Plans a mapping file against the current clients and accounts and, unless <paramref name="dryRun"/>, applies the
    /// rows planned as applied, in one transaction.
    /// </summary>
    public async Task<IReadOnlyList<MappingImportRow>> ImportAsync(Guid orgId, IReadOnlyList<MappingCsvRow> rows, bool dryRun,
        string mappedBy, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var clients = await ClientsAsync(connection, transaction, orgId, cancellationToken);
        var byId = clients.ToDictionary(client => client.ClientId);
        var byName = clients.GroupBy(client => client.Name.Trim(), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(group => group.Key, group => group.First(), StringComparer.OrdinalIgnoreCase);
        var accounts = (await connection.QueryAsync<(string Vendor, string ExternalId)>(new CommandDefinition("""
            SELECT vendor, external_id FROM vendor_accounts WHERE org_id = @orgId AND removed_at IS NULL
            """, new { orgId }, transaction, cancellationToken: cancellationToken)))
            .Select(account => $"{account.Vendor}:{account.ExternalId.ToLowerInvariant()}").ToHashSet(StringComparer.Ordinal);
        var externalIds = (await connection.QueryAsync<(string Vendor, string ExternalId)>(new CommandDefinition(
                "SELECT vendor, external_id FROM vendor_accounts WHERE org_id = @orgId", new { orgId }, transaction,
                cancellationToken: cancellationToken)))
            .ToDictionary(account => $"{account.Vendor}:{account.ExternalId.ToLowerInvariant()}", account => account.ExternalId);
        var planned = MappingImportPlanner.Plan(rows,
            text => Guid.TryParse(text, out var id) ? byId.GetValueOrDefault(id) : byName.GetValueOrDefault(text.Trim()),
            (vendor, vendorId) => accounts.Contains($"{vendor}:{vendorId.ToLowerInvariant()}"));
        if (!dryRun)
        {
            foreach (var row in planned.Where(row => row.Outcome == MappingImportOutcome.Applied))
            {
                var externalId = externalIds[$"{row.Vendor}:{row.VendorId.ToLowerInvariant()}"];
                var current = await CurrentAsync(connection, transaction, orgId,
                    new MappingRequestItem(row.Vendor, externalId, row.ClientId), cancellationToken);
                if (current?.ClientId != row.ClientId)
                {
                    await WriteAsync(connection, transaction, orgId, row.Vendor, externalId, row.ClientId!.Value,
                        MappingMethods.Import, null, mappedBy, null, cancellationToken);
                }
            }
            await licenses.RefreshAsync(transaction, orgId, null, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return planned;
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

    /// <summary>Keeps the RMM's organizations (from a device snapshot) as accounts to map, then auto-matches them.</summary>
    public Task<int> ReplaceRmmOrganizationsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        DevicesSnapshotted snapshot, CancellationToken cancellationToken) =>
        ReplaceAccountsAsync(connection, transaction, snapshot.OrgId, VendorKinds.Rmm, snapshot.TakenAt,
            [.. snapshot.Organizations.Select(organization => new ListedAccount(organization.VendorId, organization.Name,
                JsonSerializer.Serialize(new
                {
                    rmmVendor = snapshot.RmmVendor,
                    workstations = organization.Workstations,
                    servers = organization.Servers,
                    otherDevices = organization.OtherDevices,
                })))],
            cancellationToken);

    /// <summary>Keeps the accounts another service's sync listed (Xero, SuperOps, Synergy), then auto-matches them.</summary>
    public Task<int> ReplaceVendorAccountsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        VendorAccountsSnapshotted snapshot, CancellationToken cancellationToken) =>
        ReplaceAccountsAsync(connection, transaction, snapshot.OrgId, snapshot.Vendor, snapshot.TakenAt,
            [.. snapshot.Accounts.Select(account => new ListedAccount(account.ExternalId, account.Name, "{}"))],
            cancellationToken);

    /// <summary>
    /// The vendor's complete list of accounts as of <paramref name="takenAt"/>: listed ones are kept (back if they had
    /// gone), the others are marked removed (their mappings stay, for history), and new ones are auto-matched.
    /// </summary>
    private async Task<int> ReplaceAccountsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid orgId,
        string vendor, DateTimeOffset takenAt, IReadOnlyList<ListedAccount> accounts, CancellationToken cancellationToken)
    {
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
        return await AutoMatchAsync(connection, transaction, orgId, vendor, cancellationToken);
    }

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

    private sealed record ListedAccount(string ExternalId, string Name, string AttributesJson);

    private async Task WriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid orgId, string vendor,
        string externalId, Guid clientId, string method, decimal? score, string mappedBy, AuditActor? actor,
        CancellationToken cancellationToken)
    {
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

    private async Task UnmapAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid orgId, string vendor,
        string externalId, Guid? mappedTo, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition("""
            DELETE FROM client_mappings WHERE org_id = @orgId AND vendor = @vendor AND external_id = @externalId
            """, new { orgId, vendor, externalId }, transaction, cancellationToken: cancellationToken));
        await audit.RecordAsync(transaction, AuditActions.Delete, AuditTable, $"{vendor}:{externalId}",
            new { clientId = mappedTo }, null, cancellationToken);
        await outbox.EnqueueAsync(transaction, new ClientMappingChanged(orgId, vendor, externalId, null, null,
            clock.GetUtcNow()), cancellationToken);
    }

    private static async Task<AccountState?> CurrentAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        Guid orgId, MappingRequestItem item, CancellationToken cancellationToken) =>
        await connection.QuerySingleOrDefaultAsync<AccountState>(new CommandDefinition("""
            SELECT a.name, m.client_id AS ClientId FROM vendor_accounts a
            LEFT JOIN client_mappings m USING (org_id, vendor, external_id)
            WHERE a.org_id = @orgId AND a.vendor = @Vendor AND a.external_id = @ExternalId AND a.removed_at IS NULL
            """, new { orgId, item.Vendor, item.ExternalId }, transaction, cancellationToken: cancellationToken));

    private static async Task<bool> ClientExistsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        Guid orgId, Guid clientId, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM clients WHERE org_id = @orgId AND id = @clientId)", new { orgId, clientId },
            transaction, cancellationToken: cancellationToken));

    private static async Task<List<ClientCandidate>> ClientsAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction,
        Guid orgId, CancellationToken cancellationToken) =>
        [.. await connection.QueryAsync<ClientCandidate>(new CommandDefinition(
            "SELECT id AS ClientId, name FROM clients WHERE org_id = @orgId ORDER BY name", new { orgId }, transaction,
            cancellationToken: cancellationToken))];

    private async Task<Dictionary<string, IReadOnlyList<MatchSuggestion>>> SuggestionsAsync(NpgsqlConnection connection,
        Guid orgId, string vendor, IReadOnlyList<MappingRow> unmapped, CancellationToken cancellationToken)
    {
        if (unmapped.Count == 0)
        {
            return [];
        }
        var state = await LoadAsync(connection, null, orgId, vendor, cancellationToken);
        var matches = ClientMatcher.Match([.. unmapped.Select(row => new VendorAccountName(row.ExternalId, row.Name))],
            state.Clients);
        return matches.ToDictionary(match => match.VendorId, match => (IReadOnlyList<MatchSuggestion>)
            [.. match.Suggestions.Where(suggestion => !state.Rejected.Contains((match.VendorId, suggestion.ClientId)))]);
    }

    private static async Task<MatchingState> LoadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction,
        Guid orgId, string vendor, CancellationToken cancellationToken)
    {
        var accounts = (await connection.QueryAsync<AccountName>(new CommandDefinition("""
            SELECT external_id AS ExternalId, name FROM vendor_accounts
            WHERE org_id = @orgId AND vendor = @vendor AND removed_at IS NULL
            """, new { orgId, vendor }, transaction, cancellationToken: cancellationToken))).ToList();
        var mapped = (await connection.QueryAsync<(string ExternalId, Guid ClientId)>(new CommandDefinition(
            "SELECT external_id, client_id FROM client_mappings WHERE org_id = @orgId AND vendor = @vendor",
            new { orgId, vendor }, transaction, cancellationToken: cancellationToken)))
            .ToDictionary(mapping => mapping.ExternalId, mapping => mapping.ClientId);
        var rejected = (await connection.QueryAsync<(string ExternalId, Guid ClientId)>(new CommandDefinition(
            "SELECT external_id, client_id FROM mapping_rejections WHERE org_id = @orgId AND vendor = @vendor",
            new { orgId, vendor }, transaction, cancellationToken: cancellationToken))).ToHashSet();
        return new MatchingState(accounts, await ClientsAsync(connection, transaction, orgId, cancellationToken), mapped, rejected);
    }

    private static MappingChangeResult Result(MappingRequestItem item, string outcome, string reason) =>
        new(item.Vendor, item.ExternalId, item.ClientId, outcome, reason);

    private const string RowColumns = """
        a.vendor, a.external_id AS ExternalId, a.name, a.attributes::text AS AttributesJson, a.removed_at AS RemovedAt,
        m.client_id AS ClientId, c.name AS ClientName, m.method, m.score, m.mapped_at AS MappedAt
        """;

    private sealed record MatchingState(
        IReadOnlyList<AccountName> Accounts,
        IReadOnlyList<ClientCandidate> Clients,
        IReadOnlyDictionary<string, Guid> Mapped,
        HashSet<(string ExternalId, Guid ClientId)> Rejected);

    private sealed record AccountName(string ExternalId, string Name);

    private sealed record AccountState(string Name, Guid? ClientId);

    private sealed record MappingRow(string Vendor, string ExternalId, string Name, string AttributesJson, DateTime? RemovedAt,
        Guid? ClientId, string? ClientName, string? Method, decimal? Score, DateTime? MappedAt)
    {
        public VendorAccountMapping ToMapping(IReadOnlyList<MatchSuggestion> suggestions) => new(Vendor, ExternalId, Name,
            AttributesJson, UtcInstants.From(RemovedAt), ClientId, ClientName, Method, Score, UtcInstants.From(MappedAt),
            ClientId is null ? suggestions : []);
    }
}
