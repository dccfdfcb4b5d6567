using BillingOne.Projection.Tests.Api;
using Dapper;
using Npgsql;

namespace BillingOne.Projection.Tests.Data;

/// <summary>
/// The projection service runs as its database's runtime role, as under the AppHost and in Kubernetes: it may add to
/// the audit history (its own <c>audit_log</c> and the organization-wide <c>audit_entries</c>) and read it, but not
/// rewrite it, and nothing it may do switches the audit triggers off. Checked on the connection the service itself
/// uses, so a fixture that handed the service a superuser's connection would fail here.
/// </summary>
[Trait("Category", "Integration")]
public sealed class LeastPrivilegeTests(ProjectionFixture fixture) : IClassFixture<ProjectionFixture>
{
    private static readonly string[] AuditTables = ["audit_log", "audit_entries"];

    [Fact]
    public async Task The_service_adds_to_and_reads_the_audit_history_but_cannot_update_delete_or_truncate_it()
    {
        await using var connection = await fixture.Host.ServiceDataSource.OpenConnectionAsync();
        var org = Guid.NewGuid();
        await connection.ExecuteAsync("""
            INSERT INTO audit_log (org_id, action, table_name, record_id, actor_type, actor_id)
            VALUES (@org, 'create', 'clients', 'c-1', 'user', @org)
            """, new { org });
        await connection.ExecuteAsync("""
            INSERT INTO audit_entries (org_id, service, entry_id, action, table_name, record_id, actor_type, actor_id,
                                       created_at)
            VALUES (@org, 'subscription', 1, 'create', 'clients', 'c-1', 'user', @org, now())
            """, new { org });

        foreach (var table in AuditTables)
        {
            (await connection.ExecuteScalarAsync<long>($"SELECT count(*) FROM {table} WHERE org_id = @org", new { org }))
                .ShouldBe(1, table);
            foreach (var statement in new[]
            {
                $"UPDATE {table} SET action = 'forged'",
                $"DELETE FROM {table}",
                $"TRUNCATE {table}",
            })
            {
                // Refused by the privilege check itself, before audit_log's trigger would see the statement.
                var refused = await Should.ThrowAsync<PostgresException>(() => connection.ExecuteAsync(statement));
                refused.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege, statement);
                refused.MessageText.ShouldStartWith("permission denied", customMessage: statement);
            }
            (await connection.ExecuteScalarAsync<long>($"SELECT count(*) FROM {table} WHERE org_id = @org", new { org }))
                .ShouldBe(1, table);
        }
    }

    [Theory]
    [InlineData("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete")]
    [InlineData("ALTER TABLE audit_log DISABLE TRIGGER ALL")]
    [InlineData("ALTER TABLE audit_entries DISABLE TRIGGER ALL")]
    [InlineData("SET session_replication_role = replica")]
    [InlineData("SET SESSION AUTHORIZATION postgres")]
    [InlineData("CREATE TABLE shadow_audit (id bigint)")]
    [InlineData("DROP TABLE audit_entries")]
    public async Task The_service_cannot_switch_the_audit_triggers_off_or_step_around_them(string statement)
    {
        await using var connection = await fixture.Host.ServiceDataSource.OpenConnectionAsync();

        var refused = await Should.ThrowAsync<PostgresException>(() => connection.ExecuteAsync(statement));

        refused.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege, refused.MessageText);
        (await connection.ExecuteScalarAsync<string>("SHOW session_replication_role")).ShouldBe("origin");
    }

    [Fact]
    public async Task The_service_role_is_no_superuser_belongs_to_no_role_and_owns_nothing()
    {
        await using var connection = await fixture.Host.ServiceDataSource.OpenConnectionAsync();

        var role = await connection.QuerySingleAsync<(bool Super, bool CreateDb, bool CreateRole, bool Replication,
            bool BypassRls)>(
            "SELECT rolsuper, rolcreatedb, rolcreaterole, rolreplication, rolbypassrls FROM pg_roles WHERE rolname = current_user");
        role.ShouldBe((false, false, false, false, false));
        (await connection.ExecuteScalarAsync<long>("""
            SELECT (SELECT count(*) FROM pg_auth_members WHERE member = current_user::regrole)
                 + (SELECT count(*) FROM pg_database WHERE datdba = current_user::regrole)
                 + (SELECT count(*) FROM pg_namespace WHERE nspowner = current_user::regrole)
                 + (SELECT count(*) FROM pg_class WHERE relowner = current_user::regrole)
                 + (SELECT count(*) FROM pg_proc WHERE proowner = current_user::regrole)
                 + (SELECT count(*) FROM pg_type WHERE typowner = current_user::regrole)
            """)).ShouldBe(0);
    }

    [Theory]
    [InlineData("UPDATE projection_event_log SET event_type = 'forged'")]
    [InlineData("DELETE FROM projection_event_log")]
    [InlineData("TRUNCATE projection_event_log")]
    public async Task The_service_adds_to_the_event_log_but_cannot_rewrite_it(string statement)
    {
        await using var connection = await fixture.Host.ServiceDataSource.OpenConnectionAsync();
        var org = Guid.NewGuid();
        await connection.ExecuteAsync("""
            INSERT INTO projection_event_log (org_id, message_id, event_type, payload, received_at)
            VALUES (@org, @org, 'ClientUpserted', '{}', now())
            """, new { org });

        var refused = await Should.ThrowAsync<PostgresException>(() => connection.ExecuteAsync(statement));

        refused.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege, statement);
        (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM projection_event_log WHERE org_id = @org", new { org }))
            .ShouldBe(1);
    }

    [Fact]
    public async Task The_service_still_changes_its_ordinary_tables_but_not_the_migrations_journal()
    {
        await using var connection = await fixture.Host.ServiceDataSource.OpenConnectionAsync();

        await connection.ExecuteAsync("UPDATE client_billing_snapshots SET enabled = enabled WHERE false");
        await connection.ExecuteAsync("DELETE FROM client_billing_snapshots WHERE false");
        await connection.ExecuteAsync("DELETE FROM inbox_messages WHERE false");
        var refused = await Should.ThrowAsync<PostgresException>(() => connection.ExecuteAsync("SELECT * FROM schemaversions"));
        refused.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
    }
}
