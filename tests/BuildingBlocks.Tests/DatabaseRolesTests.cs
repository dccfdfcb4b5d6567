using BillingOne.Hosting;
using BillingOne.BuildingBlocks.Data;
using BillingOne.Testing;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Shouldly;

namespace BillingOne.BuildingBlocks.Tests;

/// <summary>
/// A service database provisioned as the AppHost does it: the migrations run as the owner role and grant the runtime
/// role what it needs, for whatever tables the migrations of any assembly create, now or later.
/// </summary>
[Trait("Category", "Integration")]
public sealed class DatabaseRolesTests
{
    [Fact]
    public async Task The_runtime_role_may_change_every_table_the_migrations_create_except_the_audit_log()
    {
        var servers = await TestServers.GetAsync();
        var database = await servers.CreateServiceDatabaseAsync("grants");
        var migrations = new DatabaseMigrations(database.OwnerConnectionString, typeof(DatabaseRolesTests).Assembly,
            database.ConnectionString);

        migrations.Apply(NullLogger.Instance);

        await using (var runtime = new NpgsqlConnection(database.ConnectionString))
        {
            // A table only this assembly's migration knows about.
            await runtime.ExecuteAsync("INSERT INTO probe_counters (name, value) VALUES ('a', 1)");
            await runtime.ExecuteAsync("UPDATE probe_counters SET value = 2 WHERE name = 'a'");
            await runtime.ExecuteAsync("DELETE FROM probe_counters WHERE name = 'a'");
            await runtime.ExecuteAsync("""
                INSERT INTO audit_log (org_id, action, table_name, record_id, actor_type, actor_id)
                VALUES (gen_random_uuid(), 'create', 'probe_counters', 'a', 'system', gen_random_uuid())
                """);
            var refused = await Should.ThrowAsync<PostgresException>(() => runtime.ExecuteAsync("DELETE FROM audit_log"));
            refused.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        }

        // A table a later migration adds (another engineer's, say) is granted at the next apply, with no grant of its own.
        await using (var owner = new NpgsqlConnection(database.OwnerConnectionString))
        {
            await owner.ExecuteAsync("CREATE TABLE later_table (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, note text)");
        }
        migrations.Apply(NullLogger.Instance);
        await using (var runtime = new NpgsqlConnection(database.ConnectionString))
        {
            await runtime.ExecuteAsync("INSERT INTO later_table (note) VALUES ('x')");
            await runtime.ExecuteAsync("UPDATE later_table SET note = 'y'");
            (await runtime.ExecuteScalarAsync<string>("SELECT note FROM later_table")).ShouldBe("y");
        }
    }

    [Fact]
    public async Task Another_services_runtime_role_cannot_even_connect()
    {
        var servers = await TestServers.GetAsync();
        var mine = await servers.CreateServiceDatabaseAsync("mine");
        var theirs = await servers.CreateServiceDatabaseAsync("theirs");
        new DatabaseMigrations(mine.OwnerConnectionString, typeof(DatabaseRolesTests).Assembly, mine.ConnectionString)
            .Apply(NullLogger.Instance);

        var intruder = new NpgsqlConnectionStringBuilder(theirs.ConnectionString)
        {
            Database = new NpgsqlConnectionStringBuilder(mine.ConnectionString).Database,
        };
        await using var connection = new NpgsqlConnection(intruder.ConnectionString);

        var refused = await Should.ThrowAsync<PostgresException>(() => connection.OpenAsync());
        refused.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
    }

    [Fact]
    public async Task A_database_a_superuser_migrated_before_the_roles_existed_is_handed_over_to_its_owner()
    {
        var servers = await TestServers.GetAsync();
        // Short: the role names add a suffix to the database's name.
        var legacy = new NpgsqlConnectionStringBuilder(await servers.CreateDatabaseAsync("legacy"));
        new DatabaseMigrations(legacy.ConnectionString, typeof(DatabaseRolesTests).Assembly).Apply(NullLogger.Instance);
        await using (var superuser = new NpgsqlConnection(legacy.ConnectionString))
        {
            await superuser.ExecuteAsync("""
                CREATE SCHEMA set_aside;
                CREATE TABLE set_aside.old_rows (id serial PRIMARY KEY);
                CREATE TYPE probe_state AS ENUM ('on', 'off');
                """);
        }

        await DatabaseProvisioning.ProvisionAsync(servers.PostgresServerConnectionString, legacy.Database!, "owner-secret",
            "app-secret");
        var owner = new NpgsqlConnectionStringBuilder(legacy.ConnectionString)
        {
            Username = DatabaseProvisioning.OwnerRole(legacy.Database!), Password = "owner-secret",
        };
        var runtime = new NpgsqlConnectionStringBuilder(legacy.ConnectionString)
        {
            Username = DatabaseProvisioning.AppRole(legacy.Database!), Password = "app-secret",
        };
        new DatabaseMigrations(owner.ConnectionString, typeof(DatabaseRolesTests).Assembly, runtime.ConnectionString)
            .Apply(NullLogger.Instance);

        await using (var superuser = new NpgsqlConnection(legacy.ConnectionString))
        {
            var notOwners = await superuser.QueryAsync<string>("""
                SELECT 'database' FROM pg_database WHERE datname = current_database() AND datdba <> @owner::regrole
                UNION ALL SELECT 'schema ' || nspname FROM pg_namespace
                    WHERE nspname IN ('public', 'set_aside') AND nspowner NOT IN (@owner::regrole, 'pg_database_owner'::regrole)
                UNION ALL SELECT 'relation ' || c.oid::regclass FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname IN ('public', 'set_aside') AND c.relowner <> @owner::regrole
                UNION ALL SELECT 'routine ' || p.oid::regprocedure FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                    WHERE n.nspname = 'public' AND p.proowner <> @owner::regrole
                UNION ALL SELECT 'type ' || t.oid::regtype FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                    WHERE n.nspname = 'public' AND t.typowner <> @owner::regrole
                """, new { owner = owner.Username });
            notOwners.ShouldBeEmpty();
        }
        await using (var connection = new NpgsqlConnection(runtime.ConnectionString))
        {
            await connection.ExecuteAsync("INSERT INTO probe_counters (name, value) VALUES ('legacy', 1)");
            var refused = await Should.ThrowAsync<PostgresException>(() => connection.ExecuteAsync("TRUNCATE audit_log"));
            refused.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        }
    }
}
