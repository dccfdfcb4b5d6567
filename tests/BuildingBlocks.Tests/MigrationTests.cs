using BillingOne.BuildingBlocks.Data;
using BillingOne.Testing;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Shouldly;

namespace BillingOne.BuildingBlocks.Tests;

[Trait("Category", "Integration")]
public sealed class MigrationTests
{
    [Fact]
    public async Task Migrations_create_a_missing_database_and_apply_once()
    {
        var servers = await TestServers.GetAsync();
        var existing = new NpgsqlConnectionStringBuilder(await servers.CreateDatabaseAsync("migrations"));
        // A database that does not exist yet: the migrator must create it.
        var missing = new NpgsqlConnectionStringBuilder(existing.ConnectionString) { Database = existing.Database + "_new" };
        var migrations = new DatabaseMigrations(missing.ConnectionString, typeof(MigrationTests).Assembly);

        migrations.Apply(NullLogger.Instance);
        migrations.Apply(NullLogger.Instance);

        await using var connection = new NpgsqlConnection(missing.ConnectionString);
        var tables = (await connection.QueryAsync<string>(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")).ToList();
        tables.ShouldContain("outbox_messages");
        tables.ShouldContain("inbox_messages");
        tables.ShouldContain("audit_log");
        tables.ShouldContain("idempotent_requests");
        tables.ShouldContain("probe_counters");
        tables.ShouldContain("integration_settings");
        tables.ShouldContain("sync_runs");
        tables.ShouldContain("data_protection_keys");
        var journaled = (await connection.QueryAsync<string>("SELECT scriptname FROM schemaversions")).ToList();
        journaled.Count.ShouldBe(8);
        journaled.ShouldContain(name => name.EndsWith("0001_outbox_inbox.sql"));
        journaled.ShouldContain(name => name.EndsWith("0002_audit_log.sql"));
        journaled.ShouldContain(name => name.EndsWith("0003_outbox_payload_json.sql"));
        journaled.ShouldContain(name => name.EndsWith("0004_idempotent_requests.sql"));
        journaled.ShouldContain(name => name.EndsWith("0005_integrations.sql"));
        journaled.ShouldContain(name => name.EndsWith("0006_sync_run_scope.sql"));
        journaled.ShouldContain(name => name.EndsWith("0007_retention_indexes.sql"));
        journaled.ShouldContain(name => name.EndsWith("0001_probe_counters.sql"));
    }

    [Fact]
    public async Task Replicas_starting_together_apply_each_script_once_without_failing()
    {
        var servers = await TestServers.GetAsync();
        var database = await servers.CreateDatabaseAsync("migrations_replicas");

        // Four replicas of a service reach a fresh database at the same moment.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            new DatabaseMigrations(database, typeof(MigrationTests).Assembly).Apply(NullLogger.Instance))));

        await using var connection = new NpgsqlConnection(database);
        (await connection.QueryAsync<string>("SELECT scriptname FROM schemaversions")).Count().ShouldBe(8);
        (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM information_schema.tables WHERE table_name = 'outbox_messages'"))
            .ShouldBe(1);
    }
}
