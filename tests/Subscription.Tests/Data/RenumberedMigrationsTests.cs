extern alias subscription;

using BillingOne.BuildingBlocks.Data;
using BillingOne.Testing;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace BillingOne.Subscription.Tests.Data;

/// <summary>
/// Subscription's scripts 0003–0011 were renumbered so that no number is used twice: a database migrated before
/// (a developer's AppHost data directory) journaled them under their old names and must not run them again.
/// </summary>
[Trait("Category", "Integration")]
public sealed class RenumberedMigrationsTests
{
    private static readonly System.Reflection.Assembly Service = typeof(subscription::Program).Assembly;

    [Fact]
    public void The_renamed_scripts_name_their_former_names()
    {
        var renames = MigrationRenames.In(Service)
            .Select(rename => (From: FileName(rename.From), To: FileName(rename.To)))
            .ToList();

        renames.ShouldContain(("0002_vendor_accounts_and_subscriptions.sql", "0003_vendor_accounts_and_subscriptions.sql"));
        renames.ShouldContain(("0007_licence_adjustments.sql", "0009_licence_adjustments.sql"));
        renames.ShouldContain(("0009_product_coverage.sql", "0011_product_coverage.sql"));
        renames.Count.ShouldBe(8);
    }

    [Fact]
    public async Task A_database_migrated_under_the_old_names_runs_no_script_twice()
    {
        var servers = await TestServers.GetAsync();
        var database = await servers.CreateDatabaseAsync("renumbered_migrations");
        var migrations = new DatabaseMigrations(database, Service);
        migrations.Apply(NullLogger.Instance);
        await using var connection = new NpgsqlConnection(database);
        var applied = (await connection.QueryAsync<string>("SELECT scriptname FROM schemaversions ORDER BY scriptname")).ToList();
        // The journal as the scripts left it before they were renumbered.
        foreach (var (from, to) in MigrationRenames.In(Service))
        {
            await connection.ExecuteAsync("UPDATE schemaversions SET scriptname = @from WHERE scriptname = @to",
                new { from, to });
        }
        (await connection.QueryAsync<string>("SELECT scriptname FROM schemaversions"))
            .ShouldContain("BillingOne.Subscription.Data.Migrations.0002_vendor_accounts_and_subscriptions.sql");

        // Running 0003_vendor_accounts_and_subscriptions again would fail: its tables exist.
        migrations.Apply(NullLogger.Instance);

        (await connection.QueryAsync<string>("SELECT scriptname FROM schemaversions ORDER BY scriptname"))
            .ShouldBe(applied);
    }

    private static string FileName(string resourceName) =>
        resourceName["BillingOne.Subscription.Data.Migrations.".Length..];
}
