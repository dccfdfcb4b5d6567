using BillingOne.BuildingBlocks.Data;
using BillingOne.Hosting;
using BillingOne.Testing;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Shouldly;

namespace BillingOne.BuildingBlocks.Tests;

/// <summary>
/// The AppHost starts a service's migration step together with PostgreSQL, so the step may ask for its owner's login
/// before the AppHost has provisioned the database and its roles: it waits for them, within its patience.
/// </summary>
[Trait("Category", "Integration")]
public sealed class MigrationStepLoginTests
{
    [Fact]
    public async Task A_step_started_before_its_database_is_provisioned_waits_for_the_owners_login_and_then_migrates()
    {
        var (server, database, migrations, ownerPassword, appPassword) = await UnprovisionedAsync("early");

        var waiting = migrations.WaitForOwnerLoginAsync(TimeSpan.FromMinutes(1), NullLogger.Instance, CancellationToken.None);
        // Nothing can let it in before the roles exist; a second of retries must not end the wait.
        await Task.Delay(TimeSpan.FromSeconds(1));
        waiting.IsCompleted.ShouldBeFalse("the owner's role does not exist yet");

        await DatabaseProvisioning.ProvisionAsync(server, database, ownerPassword, appPassword);
        await waiting.WaitAsync(TimeSpan.FromMinutes(1));
        migrations.Apply(NullLogger.Instance);

        await using var owner = new NpgsqlConnection(migrations.ConnectionString);
        (await owner.ExecuteScalarAsync<bool>("SELECT to_regclass('outbox_messages') IS NOT NULL")).ShouldBeTrue();
    }

    [Fact]
    public async Task Past_its_patience_the_step_fails_with_the_servers_reason()
    {
        var (_, _, migrations, _, _) = await UnprovisionedAsync("never");

        var refused = await Should.ThrowAsync<PostgresException>(() =>
            migrations.WaitForOwnerLoginAsync(TimeSpan.FromSeconds(1), NullLogger.Instance, CancellationToken.None));

        // Which of the two depends on the server's authentication (the test server trusts loopback logins).
        refused.SqlState.ShouldBeOneOf([PostgresErrorCodes.InvalidAuthorizationSpecification, PostgresErrorCodes.InvalidPassword],
            "no role of that name exists");
    }

    private static async Task<(string Server, string Database, DatabaseMigrations Migrations, string OwnerPassword,
        string AppPassword)> UnprovisionedAsync(string prefix)
    {
        var servers = await TestServers.GetAsync();
        var database = $"{prefix}_{Guid.NewGuid():N}";
        var (ownerPassword, appPassword) = (Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"));
        var login = new NpgsqlConnectionStringBuilder(servers.PostgresServerConnectionString) { Database = database };
        var owner = new NpgsqlConnectionStringBuilder(login.ConnectionString)
        {
            Username = DatabaseProvisioning.OwnerRole(database), Password = ownerPassword,
        };
        var runtime = new NpgsqlConnectionStringBuilder(login.ConnectionString)
        {
            Username = DatabaseProvisioning.AppRole(database), Password = appPassword,
        };
        return (servers.PostgresServerConnectionString, database,
            new DatabaseMigrations(owner.ConnectionString, typeof(MigrationStepLoginTests).Assembly, runtime.ConnectionString),
            ownerPassword, appPassword);
    }
}
