using BillingOne.Contracts.Events;
using Dapper;
using Npgsql;

namespace BillingOne.Reconciliation.Data;

/// <summary>What storing a client did: whether it was stored, and whether the copy held it enabled before (null: new).</summary>
public sealed record StoredClient(bool Stored, bool? WasEnabled);

/// <summary>
/// The <c>clients</c> read copy: client names for the lists, and whether the client is enabled (a disabled one is not
/// reconciled).
/// </summary>
public sealed class ClientStore
{
    /// <summary>Stores the client unless the copy holds that version or a newer one.</summary>
    public async Task<StoredClient> UpsertIfNewerAsync(NpgsqlTransaction transaction, ClientUpserted client,
        CancellationToken cancellationToken)
    {
        // The row lock makes a concurrent upsert of the same client wait, so the flag read is the one being replaced.
        var wasEnabled = await transaction.Connection!.QuerySingleOrDefaultAsync<bool?>(new CommandDefinition(
            "SELECT enabled FROM clients WHERE org_id = @OrgId AND client_id = @ClientId FOR UPDATE",
            new { client.OrgId, client.ClientId }, transaction, cancellationToken: cancellationToken));
        var stored = await transaction.Connection!.ExecuteAsync(new CommandDefinition("""
            INSERT INTO clients (org_id, client_id, name, enabled, version)
            VALUES (@OrgId, @ClientId, @Name, @Enabled, @Version)
            ON CONFLICT (org_id, client_id) DO UPDATE
            SET name = excluded.name, enabled = excluded.enabled, version = excluded.version
            WHERE clients.version < excluded.version
            """, new { client.OrgId, client.ClientId, client.Name, client.Enabled, client.Version }, transaction,
            cancellationToken: cancellationToken)) == 1;
        return new StoredClient(stored, wasEnabled);
    }
}
