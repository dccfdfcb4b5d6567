using System.Reflection;
using DbUp;
using DbUp.Engine;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace BillingOne.BuildingBlocks.Data;

/// <summary>
/// Versioned SQL scripts embedded in an assembly (<c>Data/Migrations/*.sql</c>), applied in name order
/// and journaled by DbUp, so running them again is a no-op. The building blocks' own tables (outbox,
/// inbox) are applied first.
/// </summary>
public sealed class DatabaseMigrations(string connectionString, Assembly serviceAssembly)
{
    private static readonly Assembly BuildingBlocksAssembly = typeof(DatabaseMigrations).Assembly;

    public string ConnectionString { get; } = connectionString;

    public void Apply(ILogger logger)
    {
        EnsureDatabase.For.PostgresqlDatabase(ConnectionString, new DbUpLogger(logger));
        Run(BuildingBlocksAssembly, logger);
        if (serviceAssembly != BuildingBlocksAssembly)
        {
            Run(serviceAssembly, logger);
        }
        // Types created by the scripts (enums, composites) must be visible to pooled connections.
        NpgsqlConnection.ClearAllPools();
    }

    private void Run(Assembly assembly, ILogger logger)
    {
        var upgrader = DeployChanges.To
            .PostgresqlDatabase(ConnectionString)
            .WithScriptsEmbeddedInAssembly(assembly, name => name.Contains(".Migrations.", StringComparison.Ordinal)
                && name.EndsWith(".sql", StringComparison.Ordinal))
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
}
