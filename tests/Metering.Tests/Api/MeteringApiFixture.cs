extern alias metering;

using BillingOne.Testing;
using Dapper;
using Npgsql;

namespace BillingOne.Metering.Tests.Api;

public sealed record AuditRow(long Id, Guid OrgId, string Action, string TableName, string RecordId,
    string? OldValues, string? NewValues);

/// <summary>The metering service on a fresh database and virtual host, shared by one test class.</summary>
public sealed class MeteringApiFixture : IAsyncLifetime
{
    private ServiceFactory<metering::Program>? factory;

    public string DatabaseConnectionString { get; private set; } = "";

    /// <summary>Acts as the demo organization's admin.</summary>
    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var servers = await TestServers.GetAsync();
        DatabaseConnectionString = await servers.CreateDatabaseAsync("metering");
        var rabbitMq = await servers.CreateVirtualHostAsync("metering");
        factory = new ServiceFactory<metering::Program>("metering", DatabaseConnectionString, rabbitMq);
        factory.StartServer();
        Client = factory.CreateClient();
    }

    /// <summary>A client acting with another token (another organization, another role).</summary>
    public HttpClient CreateClient(System.Net.Http.Headers.AuthenticationHeaderValue authorization)
    {
        var client = factory!.CreateClient();
        client.DefaultRequestHeaders.Authorization = authorization;
        return client;
    }

    /// <summary>The audit entries of one record, oldest first.</summary>
    public async Task<List<AuditRow>> AuditEntriesAsync(string table, Guid recordId)
    {
        await using var connection = new NpgsqlConnection(DatabaseConnectionString);
        var rows = await connection.QueryAsync<AuditRow>("""
            SELECT id AS Id, org_id AS OrgId, action AS Action, table_name AS TableName, record_id AS RecordId,
                   old_values::text AS OldValues, new_values::text AS NewValues
            FROM audit_log WHERE table_name = @table AND record_id = @recordId ORDER BY id
            """, new { table, recordId = recordId.ToString() });
        return rows.ToList();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }
    }
}
