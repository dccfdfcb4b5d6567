using BillingOne.Contracts.Events;
using Dapper;
using Npgsql;

namespace BillingOne.Identity.Data;

/// <summary>
/// The <c>clients</c> read copy: the subscription service's clients as <see cref="ClientUpserted"/> announces them.
/// The API key and session foreign keys check a scoped key's or session's client against it; a session can only be
/// scoped to an enabled one.
/// </summary>
public sealed class ClientCopyStore
{
    /// <summary>
    /// Stores <paramref name="client"/> unless the copy already holds that version or a newer one (events may arrive
    /// out of order). Returns whether the row changed.
    /// </summary>
    public async Task<bool> UpsertAsync(NpgsqlTransaction transaction, ClientUpserted client,
        CancellationToken cancellationToken)
    {
        var changed = await transaction.Connection!.ExecuteAsync(new CommandDefinition("""
            INSERT INTO clients (org_id, id, name, enabled, version) VALUES (@OrgId, @ClientId, @Name, @Enabled, @Version)
            ON CONFLICT (org_id, id) DO UPDATE
            SET name = excluded.name, enabled = excluded.enabled, version = excluded.version
            WHERE clients.version < excluded.version
            """, new { client.OrgId, client.ClientId, client.Name, client.Enabled, client.Version },
            transaction, cancellationToken: cancellationToken));
        return changed == 1;
    }

    /// <summary>The client's name, or null while its <see cref="ClientUpserted"/> has not arrived.</summary>
    public Task<string?> FindNameAsync(NpgsqlTransaction transaction, Guid orgId, Guid clientId,
        CancellationToken cancellationToken) => transaction.Connection!.QuerySingleOrDefaultAsync<string?>(
        new CommandDefinition("SELECT name FROM clients WHERE org_id = @orgId AND id = @clientId",
            new { orgId, clientId }, transaction, cancellationToken: cancellationToken));
}
