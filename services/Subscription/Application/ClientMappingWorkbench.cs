using BillingOne.BuildingBlocks.Paging;
using BillingOne.Contracts.Events;
using BillingOne.Subscription.Data;
using BillingOne.Subscription.Domain.Mapping;
using Npgsql;

namespace BillingOne.Subscription.Application;

/// <summary>A vendor account with its mapping (if any) and, when unmapped, the likeliest clients.</summary>
public sealed record VendorAccountMapping(VendorAccountRow Account, IReadOnlyList<MatchSuggestion> Suggestions);

public sealed record MappingRequestItem(string Vendor, string ExternalId, Guid? ClientId);

public sealed record MappingChangeResult(string Vendor, string ExternalId, Guid? ClientId, string Outcome, string Reason);

public sealed record MappingCounts(int Total, int Mapped, int Unmapped, int WithSuggestions);

/// <summary>
/// The client-mapping workbench: which client each vendor account belongs to, as people map, reject, unmap and import,
/// and as syncs and device snapshots list the vendors' accounts (auto-matched when certain). Each request is one
/// transaction of <see cref="ClientMappingStore"/>; an item that cannot be applied is answered with why, not an error.
/// </summary>
public sealed class ClientMappingWorkbench(ClientMappingStore store)
{
    public async Task<PagedResult<VendorAccountMapping>> ListAsync(Guid orgId, Guid? clientScope, string vendor,
        string? state, string? search, PageRequest page, CancellationToken cancellationToken)
    {
        var listed = (await ListAllAsync(orgId, clientScope, vendor, search, cancellationToken))
            .Where(mapping => state switch
            {
                "mapped" => mapping.Account.ClientId is not null,
                "unmapped" => mapping.Account.ClientId is null,
                "suggested" => mapping.Account.ClientId is null && mapping.Suggestions.Count > 0,
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
            summary[vendor] = new MappingCounts(all.Count, all.Count(mapping => mapping.Account.ClientId is not null),
                all.Count(mapping => mapping.Account.ClientId is null),
                all.Count(mapping => mapping.Account.ClientId is null && mapping.Suggestions.Count > 0));
        }
        return summary;
    }

    private async Task<List<VendorAccountMapping>> ListAllAsync(Guid orgId, Guid? clientScope, string vendor,
        string? search, CancellationToken cancellationToken)
    {
        var rows = await store.ListAsync(orgId, clientScope, vendor, search, cancellationToken);
        List<VendorAccountName> unmapped = [.. rows.Where(row => row.ClientId is null)
            .Select(row => new VendorAccountName(row.ExternalId, row.Name))];
        // The matching state costs four queries; a list with every account mapped has nothing to suggest.
        var suggestions = unmapped.Count == 0
            ? null
            : (await store.MatchingStateAsync(orgId, vendor, cancellationToken)).SuggestionsFor(unmapped);
        return [.. rows.Select(row => new VendorAccountMapping(row,
            row.ClientId is null ? suggestions?.GetValueOrDefault(row.ExternalId) ?? [] : []))];
    }

    /// <summary>Maps each item's account to its client (a person's choice, or a client created from it).</summary>
    public Task<IReadOnlyList<MappingChangeResult>> ApplyAsync(Guid orgId, IReadOnlyList<MappingRequestItem> items,
        string method, string mappedBy, CancellationToken cancellationToken) =>
        ChangeEachAsync(orgId, items, requireClient: true, async (transaction, item, current) =>
        {
            if (current.ClientId == item.ClientId)
            {
                return Result(item, "unchanged", $"'{current.Name}' is already mapped to this client.");
            }
            await store.WriteAsync(transaction, orgId, item.Vendor, item.ExternalId, item.ClientId!.Value, method, null,
                mappedBy, null, cancellationToken);
            return Result(item, "applied", $"'{current.Name}' is now mapped to this client.");
        }, cancellationToken);

    /// <summary>Turns suggestions down for good; an account mapped to the rejected client is unmapped.</summary>
    public Task<IReadOnlyList<MappingChangeResult>> RejectAsync(Guid orgId, IReadOnlyList<MappingRequestItem> items,
        string rejectedBy, CancellationToken cancellationToken) =>
        ChangeEachAsync(orgId, items, requireClient: true, async (transaction, item, current) =>
        {
            var clientId = item.ClientId!.Value;
            await store.RejectAsync(transaction, orgId, item.Vendor, item.ExternalId, clientId, rejectedBy,
                cancellationToken);
            if (current.ClientId == clientId)
            {
                await store.UnmapAsync(transaction, orgId, item.Vendor, item.ExternalId, clientId, cancellationToken);
            }
            return Result(item, "rejected", $"'{current.Name}' will not be suggested for this client again.");
        }, cancellationToken);

    public Task<IReadOnlyList<MappingChangeResult>> UnmapAsync(Guid orgId, IReadOnlyList<MappingRequestItem> items,
        CancellationToken cancellationToken) =>
        ChangeEachAsync(orgId, items, requireClient: false, async (transaction, item, current) =>
        {
            if (current.ClientId is not { } mappedTo)
            {
                return Result(item, "unchanged", $"'{current.Name}' is not mapped.");
            }
            await store.UnmapAsync(transaction, orgId, item.Vendor, item.ExternalId, mappedTo, cancellationToken);
            return Result(item with { ClientId = mappedTo }, "unmapped", $"'{current.Name}' is no longer mapped.");
        }, cancellationToken);

    /// <summary>
    /// Applies <paramref name="change"/> to each item whose account exists (and whose client does, when
    /// <paramref name="requireClient"/>), answering the others with why not; all in one transaction.
    /// </summary>
    private Task<IReadOnlyList<MappingChangeResult>> ChangeEachAsync(Guid orgId, IReadOnlyList<MappingRequestItem> items,
        bool requireClient, Func<NpgsqlTransaction, MappingRequestItem, (string Name, Guid? ClientId), Task<MappingChangeResult>> change,
        CancellationToken cancellationToken) =>
        store.ChangeAsync<IReadOnlyList<MappingChangeResult>>(orgId, async transaction =>
        {
            var results = new List<MappingChangeResult>();
            foreach (var item in items)
            {
                var current = await ClientMappingStore.CurrentAsync(transaction, orgId, item.Vendor, item.ExternalId,
                    cancellationToken);
                if (current is not { } account)
                {
                    results.Add(Result(item, "unknown-account", $"There is no {item.Vendor} account '{item.ExternalId}'."));
                }
                else if (requireClient && (item.ClientId is not { } clientId
                             || !await ClientMappingStore.ClientExistsAsync(transaction, orgId, clientId, cancellationToken)))
                {
                    results.Add(Result(item, "unknown-client", $"There is no client '{item.ClientId}' in this organization."));
                }
                else
                {
                    results.Add(await change(transaction, item, account));
                }
            }
            return results;
        }, cancellationToken);

    /// <summary>
    /// Plans a mapping file against the current clients and accounts and, unless <paramref name="dryRun"/>, applies the
    /// rows planned as applied, in one transaction.
    /// </summary>
    public Task<IReadOnlyList<MappingImportRow>> ImportAsync(Guid orgId, IReadOnlyList<MappingCsvRow> rows, bool dryRun,
        string mappedBy, CancellationToken cancellationToken) =>
        store.ChangeAsync(orgId, async transaction =>
        {
            var clients = await ClientMappingStore.ClientsAsync(transaction, orgId, cancellationToken);
            var byId = clients.ToDictionary(client => client.ClientId);
            var byName = clients.GroupBy(client => client.Name.Trim(), StringComparer.OrdinalIgnoreCase)
                .ToDictionary(group => group.Key, group => group.First(), StringComparer.OrdinalIgnoreCase);
            var accounts = await ClientMappingStore.AccountIdsAsync(transaction, orgId, cancellationToken);
            var live = accounts.Where(account => account.Live).Select(account => Key(account.Vendor, account.ExternalId))
                .ToHashSet(StringComparer.Ordinal);
            var externalIds = accounts.ToDictionary(account => Key(account.Vendor, account.ExternalId),
                account => account.ExternalId);
            var planned = MappingImportPlanner.Plan(rows,
                text => Guid.TryParse(text, out var id) ? byId.GetValueOrDefault(id) : byName.GetValueOrDefault(text.Trim()),
                (vendor, vendorId) => live.Contains(Key(vendor, vendorId)));
            if (!dryRun)
            {
                foreach (var row in planned.Where(row => row.Outcome == MappingImportOutcome.Applied))
                {
                    var externalId = externalIds[Key(row.Vendor, row.VendorId)];
                    var current = await ClientMappingStore.CurrentAsync(transaction, orgId, row.Vendor, externalId,
                        cancellationToken);
                    if (current?.ClientId != row.ClientId)
                    {
                        await store.WriteAsync(transaction, orgId, row.Vendor, externalId, row.ClientId!.Value,
                            MappingMethods.Import, null, mappedBy, null, cancellationToken);
                    }
                }
            }
            return planned;
        }, cancellationToken, readOnly: dryRun);

    /// <summary>Keeps the RMM's organizations (from a device snapshot) as accounts to map, then auto-matches them.</summary>
    public Task<int> ReplaceRmmOrganizationsAsync(NpgsqlTransaction transaction, DevicesSnapshotted snapshot,
        CancellationToken cancellationToken) =>
        ReplaceAccountsAsync(transaction, snapshot.OrgId, VendorKinds.Rmm, snapshot.TakenAt,
            [.. snapshot.Organizations.Select(organization => new ListedAccount(organization.VendorId, organization.Name,
                ClientMappingStore.RmmAttributes(snapshot.RmmVendor, organization.Workstations, organization.Servers,
                    organization.OtherDevices)))],
            cancellationToken);

    /// <summary>Keeps the accounts another service's sync listed (Xero, SuperOps, Synergy), then auto-matches them.</summary>
    public Task<int> ReplaceVendorAccountsAsync(NpgsqlTransaction transaction, VendorAccountsSnapshotted snapshot,
        CancellationToken cancellationToken) =>
        ReplaceAccountsAsync(transaction, snapshot.OrgId, snapshot.Vendor, snapshot.TakenAt,
            [.. snapshot.Accounts.Select(account => new ListedAccount(account.ExternalId, account.Name, "{}"))],
            cancellationToken);

    private async Task<int> ReplaceAccountsAsync(NpgsqlTransaction transaction, Guid orgId, string vendor,
        DateTimeOffset takenAt, IReadOnlyList<ListedAccount> accounts, CancellationToken cancellationToken)
    {
        await store.ReplaceAccountsAsync(transaction, orgId, vendor, takenAt, accounts, cancellationToken);
        return await store.AutoMatchAsync(transaction, orgId, vendor, cancellationToken);
    }

    private static string Key(string vendor, string externalId) => $"{vendor}:{externalId.ToLowerInvariant()}";

    private static MappingChangeResult Result(MappingRequestItem item, string outcome, string reason) =>
        new(item.Vendor, item.ExternalId, item.ClientId, outcome, reason);
}
