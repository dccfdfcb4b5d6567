using BillingOne.Contracts.Events;
using Dapper;
using Npgsql;

namespace BillingOne.Reconciliation.Data;

/// <summary>
/// The <c>client_mappings</c> read copy: which client each RMM organization (vendor <c>rmm</c>) and each Synergy
/// customer account (vendor <c>synergy</c>) belongs to.
/// </summary>
public sealed class ClientMappingStore
{
    /// <summary>Stores the mapping unless the copy holds a change at least as recent; whether it did.</summary>
    public async Task<bool> UpsertIfNewerAsync(NpgsqlTransaction transaction, ClientMappingChanged change,
        CancellationToken cancellationToken) =>
        await transaction.Connection!.ExecuteAsync(new CommandDefinition("""
            INSERT INTO client_mappings (org_id, vendor, external_id, client_id, changed_at)
            VALUES (@OrgId, @Vendor, @ExternalId, @ClientId, @ChangedAt)
            ON CONFLICT (org_id, vendor, external_id) DO UPDATE
            SET client_id = excluded.client_id, changed_at = excluded.changed_at
            WHERE client_mappings.changed_at < excluded.changed_at
            """, new { change.OrgId, change.Vendor, change.ExternalId, change.ClientId, ChangedAt = change.ChangedAt.ToUniversalTime() },
            transaction, cancellationToken: cancellationToken)) == 1;
}
