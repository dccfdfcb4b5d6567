using System.Reflection;
using DbUp;
using DbUp.Engine;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace BillingOne.BuildingBlocks.Data;

/// <summary>
/// Versioned SQL scripts embedded in an assembly (<c>Data/Migrations/*.sql</c>), applied in name order
/// and journaled by DbUp, so running them again is a no-op. The building blocks' own tables (outbox,
/// inbox) are applied first. A script renumbered after it shipped keeps its journal entry
/// (<see cref="MigrationRenames"/>).
/// </summary>
/// <param name="connectionString">
/// The role that owns the database and applies the migrations (<c>ConnectionStrings:{name}-migrations</c>).
/// </param>
/// <param name="serviceAssembly">The assembly whose embedded migrations follow the building blocks' own.</param>
/// <param name="runtimeConnectionString">
/// The connection the service runs with. When it logs in as another role than the migrations, that role is given
/// exactly what <see cref="RuntimeGrants"/> allows after every apply, so tables added later are covered too.
/// </param>
public sealed class DatabaseMigrations(string connectionString, Assembly serviceAssembly, string? runtimeConnectionString = null)
{
    private static readonly Assembly BuildingBlocksAssembly = typeof(DatabaseMigrations).Assembly;

    public string ConnectionString { get; } = connectionString;

    /// <summary>The role the service runs as when it is not the migrations' own, else null (nothing to grant).</summary>
    public string? RuntimeRole { get; } = RuntimeRoleOf(connectionString, runtimeConnectionString);

    public void Apply(ILogger logger)
    {
        if (!DatabaseExists())
        {
            // Only a role allowed to create databases gets here: provisioned databases exist before the service starts.
            EnsureDatabase.For.PostgresqlDatabase(ConnectionString, new DbUpLogger(logger));
        }
        // Replicas of a service start together: one applies the scripts while the others wait, then find them journaled.
        using (var migrating = new NpgsqlConnection(
                   new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString))
        {
            migrating.Open();
            using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(hashtext('billingone:migrations'))", migrating))
            {
                take.ExecuteNonQuery();
            }
            Run(migrating, BuildingBlocksAssembly, logger);
            if (serviceAssembly != BuildingBlocksAssembly)
            {
                Run(migrating, serviceAssembly, logger);
            }
            if (RuntimeRole is not null)
            {
                RuntimeGrants.Apply(ConnectionString, RuntimeRole);
            }
            // Closing the unpooled session releases the lock, also when a script failed.
        }
        // Types created by the scripts (enums, composites) must be visible to pooled connections.
        NpgsqlConnection.ClearAllPools();
    }

    private bool DatabaseExists()
    {
        try
        {
            using var connection = new NpgsqlConnection(ConnectionString);
            connection.Open();
            return true;
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            return false;
        }
    }

    private void Run(NpgsqlConnection migrating, Assembly assembly, ILogger logger)
    {
        MigrationRenames.Record(migrating, assembly, RuntimeGrants.JournalTable);
        var upgrader = DeployChanges.To
            .PostgresqlDatabase(ConnectionString)
            .WithScriptsEmbeddedInAssembly(assembly, MigrationRenames.IsScript)
            .WithTransactionPerScript()
            .LogTo(new DbUpLogger(logger))
            .Build();

        DatabaseUpgradeResult result = upgrader.PerformUpgrade();
        if (!result.Successful)
        {
            throw new InvalidOperationException(
                $"Migration '{result.ErrorScript?.Name}' failed: {result.Error.Message}", result.Error);
        }
    }

    private static string? RuntimeRoleOf(string migrationConnectionString, string? runtimeConnectionString)
    {
        if (runtimeConnectionString is null)
        {
            return null;
        }
        var migrationRole = new NpgsqlConnectionStringBuilder(migrationConnectionString).Username;
        var runtimeRole = new NpgsqlConnectionStringBuilder(runtimeConnectionString).Username;
        // Role names are case-sensitive in PostgreSQL.
        return string.IsNullOrEmpty(runtimeRole) || string.Equals(runtimeRole, migrationRole, StringComparison.Ordinal)
            ? null
            : runtimeRole;
    }
}
