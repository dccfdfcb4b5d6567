using BillingOne.Contracts.Events;
using Dapper;
using Npgsql;

namespace BillingOne.Invoice.Data;

/// <summary>
/// The invoice service's copies of the subscription service's clients and of the mappings of accounting contacts
/// (Xero, SuperOps) to them; older events never overwrite newer ones.
/// </summary>
public sealed class ClientCopyStore
{
    /// <summary>The vendors whose contacts bill invoices here.</summary>
    public static readonly IReadOnlyList<string> InvoiceVendors = ["xero", "superops"];

    public async Task<bool> UpsertClientAsync(NpgsqlTransaction transaction, ClientUpserted client,
        CancellationToken cancellationToken) =>
        await transaction.Connection!.ExecuteAsync(new CommandDefinition("""
            INSERT INTO clients (org_id, client_id, name, enabled, version)
            VALUES (@OrgId, @ClientId, @Name, @Enabled, @Version)
            ON CONFLICT (org_id, client_id) DO UPDATE SET name = excluded.name, enabled = excluded.enabled,
                version = excluded.version
            WHERE clients.version < excluded.version
            """, new { client.OrgId, client.ClientId, client.Name, client.Enabled, client.Version }, transaction,
            cancellationToken: cancellationToken)) == 1;

    /// <summary>The client the contact is mapped to now (locked until the transaction ends); null when unmapped.</summary>
    public async Task<Guid?> MappedClientAsync(NpgsqlTransaction transaction, Guid orgId, string vendor, string externalId,
        CancellationToken cancellationToken) =>
        await transaction.Connection!.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition("""
            SELECT client_id FROM client_mappings WHERE org_id = @orgId AND vendor = @vendor AND external_id = @externalId
            FOR UPDATE
            """, new { orgId, vendor, externalId }, transaction, cancellationToken: cancellationToken));

    public async Task<bool> UpsertMappingAsync(NpgsqlTransaction transaction, ClientMappingChanged change,
        CancellationToken cancellationToken) =>
        await transaction.Connection!.ExecuteAsync(new CommandDefinition("""
            INSERT INTO client_mappings (org_id, vendor, external_id, client_id, changed_at)
            VALUES (@OrgId, @Vendor, @ExternalId, @ClientId, @ChangedAt)
            ON CONFLICT (org_id, vendor, external_id) DO UPDATE SET client_id = excluded.client_id,
                changed_at = excluded.changed_at
            WHERE client_mappings.changed_at < excluded.changed_at
            """, new { change.OrgId, change.Vendor, change.ExternalId, change.ClientId, ChangedAt = change.ChangedAt.ToUniversalTime() },
            transaction, cancellationToken: cancellationToken)) == 1;
}
