using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.Contracts.Events;
using Dapper;
using Npgsql;

namespace BillingOne.Metering.Data;

/// <summary>
/// The <c>clients</c> read copy: the subscription service's clients as <see cref="ClientUpserted"/> announces them,
/// for names in lists, time zones of billing periods, and checking that a client exists before assigning to it.
/// </summary>
public sealed class ClientStore(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Stores <paramref name="client"/> unless the copy already holds that version or a newer one (events may arrive
    /// out of order). Returns whether the row changed.
    /// </summary>
    public async Task<bool> UpsertAsync(NpgsqlTransaction transaction, ClientUpserted client,
        CancellationToken cancellationToken)
    {
        var changed = await transaction.Connection!.ExecuteAsync(new CommandDefinition("""
            INSERT INTO clients (org_id, client_id, name, enabled, time_zone, version)
            VALUES (@OrgId, @ClientId, @Name, @Enabled, @TimeZone, @Version)
            ON CONFLICT (org_id, client_id) DO UPDATE
            SET name = excluded.name, enabled = excluded.enabled, time_zone = excluded.time_zone,
                version = excluded.version
            WHERE clients.version < excluded.version
            """, new { client.OrgId, client.ClientId, client.Name, client.Enabled, client.TimeZone, client.Version },
            transaction, cancellationToken: cancellationToken));
        return changed == 1;
    }

    /// <summary>
    /// Whether <paramref name="caller"/> may see <paramref name="clientId"/> (<see cref="ClientScopes"/>) and metering
    /// has heard of it: the HTTP API and the partner gRPC API answer "not found" alike otherwise.
    /// </summary>
    public async Task<bool> IsVisibleAsync(IActorContext caller, Guid clientId, CancellationToken cancellationToken) =>
        caller.MaySee(clientId) && await FindNameAsync(caller.OrgId, clientId, cancellationToken) is not null;

    /// <summary>The client's name, or null when metering has not heard of the client.</summary>
    public async Task<string?> FindNameAsync(Guid orgId, Guid clientId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition("""
            SELECT name FROM clients WHERE org_id = @orgId AND client_id = @clientId
            """, new { orgId, clientId }, cancellationToken: cancellationToken));
    }
}
