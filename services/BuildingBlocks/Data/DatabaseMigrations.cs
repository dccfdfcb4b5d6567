using System.Diagnostics;
using System.Net.Sockets;
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

    /// <summary>
    /// Waits until the server accepts the owner's login, for at most <paramref name="patience"/>. A migration step starts
    /// with its server, not once it answers, so that the step's own start-up overlaps the server's: until then the
    /// server refuses connections or is starting up, and the database and its roles are still being provisioned.
    /// </summary>
    public async Task WaitForOwnerLoginAsync(TimeSpan patience, ILogger logger, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        var login = new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false, Timeout = 3 }.ConnectionString;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(login);
                await connection.OpenAsync(cancellationToken);
                if (attempt > 1)
                {
                    logger.LogInformation("The database accepted the owner's login after {Seconds:0.0} s", waited.Elapsed.TotalSeconds);
                }
                return;
            }
            catch (Exception exception) when (NotReadyYet(exception) && waited.Elapsed < patience)
            {
                if (attempt == 1)
                {
                    logger.LogInformation("Waiting for the database to accept the owner's login: {Reason}", exception.Message);
                }
                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
            }
        }
    }

    /// <summary>A server still starting, or a database or role not provisioned yet; anything else is a real failure.</summary>
    private static bool NotReadyYet(Exception exception) => exception switch
    {
        PostgresException postgres => postgres.SqlState is PostgresErrorCodes.CannotConnectNow
            or PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification
            or PostgresErrorCodes.InvalidCatalogName,
        NpgsqlException { InnerException: SocketException or TimeoutException } => true,
        _ => false,
    };

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
