using Npgsql;

namespace BillingOne.Hosting;

/// <summary>
/// A service's database and its two login roles: <c>&lt;database&gt;_owner</c> owns the database and everything in it
/// and runs the migrations; <c>&lt;database&gt;_app</c> is what the service runs as, owns nothing and gets its table
/// privileges from the migrations (BuildingBlocks' <c>RuntimeGrants</c>). Neither is a superuser or may create
/// databases or roles.
/// </summary>
public static class DatabaseProvisioning
{
    public static string OwnerRole(string database) => database + "_owner";

    public static string AppRole(string database) => database + "_app";

    /// <summary>
    /// Creates or corrects both roles (attributes and passwords), creates the database owned by the owner role or
    /// hands an existing one over to it, with every object a superuser created there before (data directories from
    /// before the roles existed). Idempotent: run at every start.
    /// </summary>
    /// <param name="superuserConnectionString">A superuser's connection; its database is not used.</param>
    public static async Task ProvisionAsync(string superuserConnectionString, string database, string ownerPassword,
        string appPassword, CancellationToken cancellationToken = default)
    {
        var owner = OwnerRole(database);
        var server = new NpgsqlConnectionStringBuilder(superuserConnectionString) { Database = "postgres", Pooling = false };
        await using (var connection = new NpgsqlConnection(server.ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            // INHERIT for the owner is harmless (it is granted nothing); NOINHERIT keeps the runtime role from ever
            // acting with a role it might be made a member of by mistake.
            await EnsureRoleAsync(connection, owner, ownerPassword, "INHERIT", cancellationToken);
            await EnsureRoleAsync(connection, AppRole(database), appPassword, "NOINHERIT", cancellationToken);
            var exists = await ScalarAsync(connection, "SELECT EXISTS (SELECT FROM pg_database WHERE datname = @name)",
                database, cancellationToken);
            await ExecuteAsync(connection, exists
                ? $"ALTER DATABASE {Identifier(database)} OWNER TO {Identifier(owner)}"
                : $"CREATE DATABASE {Identifier(database)} OWNER {Identifier(owner)}", cancellationToken);
        }

        await using (var connection = new NpgsqlConnection(
            new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = database }.ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await ExecuteAsync(connection, ReassignSql(owner), cancellationToken);
        }
    }

    private static async Task EnsureRoleAsync(NpgsqlConnection connection, string role, string password, string inherit,
        CancellationToken cancellationToken)
    {
        var exists = await ScalarAsync(connection, "SELECT EXISTS (SELECT FROM pg_roles WHERE rolname = @name)", role,
            cancellationToken);
        // Attributes are set on every run, so a role an operator widened by hand is narrowed again.
        await ExecuteAsync(connection, $"{(exists ? "ALTER" : "CREATE")} ROLE {Identifier(role)} WITH LOGIN NOSUPERUSER " +
            $"NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS {inherit} PASSWORD {Literal(password)}", cancellationToken);
    }

    /// <summary>
    /// Everything outside the system schemas that the owner does not own yet becomes the owner's: schemas, tables,
    /// views, sequences not tied to a column (a table's own follow it), routines and types. Extensions' objects stay.
    /// </summary>
    private static string ReassignSql(string owner) => $$"""
        DO $reassign$
        DECLARE
            new_owner text := {{Literal(owner)}};
            owner_oid oid := {{Literal(owner)}}::regrole::oid;
            item record;
        BEGIN
            FOR item IN
                SELECT n.nspname FROM pg_namespace n
                WHERE n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema'
                  AND n.nspowner NOT IN (owner_oid, 'pg_database_owner'::regrole::oid)
            LOOP
                EXECUTE format('ALTER SCHEMA %I OWNER TO %I', item.nspname, new_owner);
            END LOOP;
            FOR item IN
                SELECT c.oid::regclass AS name, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema' AND c.relowner <> owner_oid
                  AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
                  AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                                  AND d.deptype IN ('a', 'i', 'e'))
            LOOP
                EXECUTE format('ALTER %s %s OWNER TO %I',
                    CASE item.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'f' THEN 'FOREIGN TABLE'
                                      WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END,
                    item.name, new_owner);
            END LOOP;
            FOR item IN
                SELECT p.oid::regprocedure AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                WHERE n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema' AND p.proowner <> owner_oid
                  AND p.prokind IN ('f', 'p')
                  AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid
                                  AND d.deptype = 'e')
            LOOP
                EXECUTE format('ALTER ROUTINE %s OWNER TO %I', item.name, new_owner);
            END LOOP;
            FOR item IN
                SELECT t.oid::regtype AS name, t.typtype FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                WHERE n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema' AND t.typowner <> owner_oid
                  AND (t.typtype IN ('e', 'r', 'd')
                       OR (t.typtype = 'c' AND (SELECT c.relkind FROM pg_class c WHERE c.oid = t.typrelid) = 'c'))
                  AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid
                                  AND d.deptype = 'e')
            LOOP
                EXECUTE format('ALTER %s %s OWNER TO %I', CASE item.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END,
                    item.name, new_owner);
            END LOOP;
        END
        $reassign$;
        """;

    private static async Task<bool> ScalarAsync(NpgsqlConnection connection, string sql, string name,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("name", name);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Identifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
