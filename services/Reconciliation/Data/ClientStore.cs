using BillingOne.Contracts.Events;
using Dapper;
using Npgsql;

namespace BillingOne.Reconciliation.Data;

/// <summary>The <c>clients</c> read copy: client names for the domain, hosting and certificate lists.</summary>
public sealed class ClientStore
{
    /// <summary>Stores the client unless the copy holds that version or a newer one; whether it did.</summary>
    public async Task<bool> UpsertIfNewerAsync(NpgsqlTransaction transaction, ClientUpserted client,
        CancellationToken cancellationToken) =>
        await transaction.Connection!.ExecuteAsync(new CommandDefinition("""
            INSERT INTO clients (org_id, client_id, name, version)
            VALUES (@OrgId, @ClientId, @Name, @Version)
            ON CONFLICT (org_id, client_id) DO UPDATE SET name = excluded.name, version = excluded.version
            WHERE clients.version < excluded.version
            """, new { client.OrgId, client.ClientId, client.Name, client.Version }, transaction,
            cancellationToken: cancellationToken)) == 1;
}
