using Npgsql;

namespace BillingOne.BuildingBlocks.Data;

/// <summary>
/// What a service's runtime role may do in its database, granted by the owning role after every migration apply:
/// read and write every table of schema <c>public</c>, except that the append-only tables take only SELECT and
/// INSERT. Never TRUNCATE, never ownership, so it can neither rewrite history nor switch the audit triggers off.
/// </summary>
public static class RuntimeGrants
{
    /// <summary>
    /// Tables whose rows are history: the audit trail every service writes, the projection's organization-wide
    /// copy of it and the projection's event log (what its read models are rebuilt from). A new append-only table is
    /// added here, not granted by hand in its migration.
    /// </summary>
    public static readonly IReadOnlyList<string> AppendOnlyTables = ["audit_log", "audit_entries", "projection_event_log"];

    /// <summary>DbUp's journal: only the migrations read and write it.</summary>
    internal const string JournalTable = "schemaversions";

    public static void Apply(string ownerConnectionString, string runtimeRole)
    {
        using var connection = new NpgsqlConnection(ownerConnectionString);
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var command = new NpgsqlCommand(Sql(runtimeRole), connection, transaction);
        command.ExecuteNonQuery();
        transaction.Commit();
    }

    // A DO block takes no parameters: the role and the table names are spliced in as quoted literals.
    private static string Sql(string role) => $"""
        -- Replicas starting together would otherwise race on the same catalog rows ("tuple concurrently updated").
        SELECT pg_advisory_xact_lock(hashtext('billingone:runtime-grants'));
        DO $grants$
        DECLARE
            runtime_role text := {QuoteLiteral(role)};
            append_only text[] := ARRAY[{string.Join(", ", AppendOnlyTables.Select(QuoteLiteral))}]::text[];
            journal text := {QuoteLiteral(JournalTable)};
            relation record;
        BEGIN
            -- Only this service's roles connect to its database; nobody else creates objects in its schema.
            EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database());
            EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO %I', current_database(), runtime_role);
            REVOKE CREATE ON SCHEMA public FROM PUBLIC;
            EXECUTE format('GRANT USAGE ON SCHEMA public TO %I', runtime_role);
            FOR relation IN
                SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND c.relname <> journal
            LOOP
                -- Revoked first, so what a table allowed before (one that became append-only) does not linger.
                EXECUTE format('REVOKE ALL ON TABLE public.%I FROM %I', relation.relname, runtime_role);
                EXECUTE format(CASE WHEN relation.relname = ANY (append_only)
                                    THEN 'GRANT SELECT, INSERT ON TABLE public.%I TO %I'
                                    ELSE 'GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE public.%I TO %I' END,
                               relation.relname, runtime_role);
            END LOOP;
            EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO %I', runtime_role);
        END
        $grants$;
        """;

    private static string QuoteLiteral(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
