using System.Text;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using BillingOne.AppHost;
using BillingOne.Hosting;
using BillingOne.Testing;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using RabbitMQ.Client;
using Shouldly;

namespace BillingOne.EndToEnd.Tests;

/// <summary>What an operator sees and does on the Aspire dashboard of the running system.</summary>
[Collection(RunningSystemCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class OperatorDashboardTests(SystemFixture fixture)
{
    private RunningSystem System => fixture.System;

    [SystemFact]
    public Task Every_resource_is_up_the_servers_and_projects_healthy()
    {
        foreach (var name in RunningSystem.Projects.Append("postgres").Append("rabbitmq"))
        {
            var snapshot = System.Snapshot(name);
            snapshot.State?.Text.ShouldBe(KnownResourceStates.Running, name);
            snapshot.HealthStatus.ShouldBe(HealthStatus.Healthy, name);
        }
        System.Snapshot("postgres-init").State?.Text.ShouldBe(KnownResourceStates.Finished);
        return Task.CompletedTask;
    }

    [SystemFact]
    public Task Every_service_runs_with_its_runtime_login_only_after_its_migration_step_finished()
    {
        foreach (var service in RunningSystem.DatabaseServices)
        {
            var migrations = System.Snapshot(BillingOneResourceExtensions.MigrationsOf(service));
            migrations.State?.Text.ShouldBe(KnownResourceStates.Finished, service);
            migrations.ExitCode.ShouldBe(0, service);

            var environment = File.ReadAllText($"/proc/{System.ServiceProcessOf(service)}/environ").Split('\0');
            var owner = DatabaseProvisioning.OwnerRole(BillingOneResourceExtensions.DatabaseName(service));
            environment.ShouldNotContain(variable => variable.Contains(owner, StringComparison.Ordinal),
                $"{service}'s process holds its database owner's login");
            environment.ShouldNotContain(variable => variable.Contains("-migrations=", StringComparison.Ordinal), service);
            environment.ShouldContain(variable => variable.StartsWith($"ConnectionStrings__{service}db=", StringComparison.Ordinal)
                && variable.Contains(DatabaseProvisioning.AppRole(BillingOneResourceExtensions.DatabaseName(service)), StringComparison.Ordinal),
                service);
        }
        return Task.CompletedTask;
    }

    [SystemTheory]
    [InlineData("UPDATE audit_log SET action = 'forged'")]
    [InlineData("DELETE FROM audit_log")]
    [InlineData("TRUNCATE audit_log")]
    [InlineData("ALTER TABLE audit_log DISABLE TRIGGER ALL")]
    [InlineData("DROP TABLE audit_log")]
    public async Task The_only_login_a_running_service_holds_cannot_alter_its_audit_history(string tampering)
    {
        foreach (var service in RunningSystem.DatabaseServices)
        {
            // The connection string as the service process itself holds it: no other login reaches it.
            var login = File.ReadAllText($"/proc/{System.ServiceProcessOf(service)}/environ").Split('\0')
                .Single(variable => variable.StartsWith($"ConnectionStrings__{service}db=", StringComparison.Ordinal));
            await using var connection = new NpgsqlConnection(login[(login.IndexOf('=') + 1)..]);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(tampering, connection);
            await Should.ThrowAsync<PostgresException>(() => command.ExecuteNonQueryAsync(), $"{service}: {tampering}");
        }
    }

    [SystemFact]
    public async Task The_broker_shows_each_queue_depth_and_redelivers_error_messages_to_their_queue()
    {
        await Eventually.AssertAsync(() =>
        {
            System.Snapshot("rabbitmq").Properties.Select(property => property.Name)
                .ShouldContain(RabbitMqOperationsExtensions.QueuePropertyPrefix + "metering-usage-readings-accepted");
            return Task.CompletedTask;
        }, TimeSpan.FromSeconds(30));

        // A message the projection could not handle, as MassTransit leaves it.
        var factory = new ConnectionFactory { Uri = new Uri(await System.App.GetConnectionStringAsync("rabbitmq") ?? "") };
        await using (var connection = await factory.CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync())
        {
            await channel.QueueDeclareAsync("e2e-redelivery", durable: true, exclusive: false, autoDelete: false);
            await channel.QueueDeclareAsync("e2e-redelivery_error", durable: true, exclusive: false, autoDelete: false);
            await channel.BasicPublishAsync("", "e2e-redelivery_error", Encoding.UTF8.GetBytes("{}"));
        }

        var depths = await System.App.ResourceCommands.ExecuteCommandAsync("rabbitmq", RabbitMqOperationsExtensions.QueueDepthsCommand);
        depths.Success.ShouldBeTrue(depths.Message);

        await Eventually.AssertAsync(async () =>
        {
            var moved = await System.App.ResourceCommands.ExecuteCommandAsync("rabbitmq", RabbitMqOperationsExtensions.RedeliverCommand);
            moved.Success.ShouldBeTrue(moved.Message);
            moved.Message.ShouldNotBeNull().ShouldContain("e2e-redelivery_error → e2e-redelivery (1)");
        }, TimeSpan.FromSeconds(30));
        await using (var connection = await factory.CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync())
        {
            (await channel.MessageCountAsync("e2e-redelivery")).ShouldBe(1u);
            (await channel.MessageCountAsync("e2e-redelivery_error")).ShouldBe(0u);
        }
    }
}
