using BillingOne.BuildingBlocks.Data;
using BillingOne.BuildingBlocks.Integrations;
using BillingOne.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Shouldly;

namespace BillingOne.BuildingBlocks.Tests.Integrations;

/// <summary>
/// Two replicas of a service with integrations: a worker starting (or sweeping) while another process works on a run
/// leaves that run alone, since the other process's lease holds the run's advisory lock; once that process is gone
/// (its connection closed), the next sweep fails the run as interrupted.
/// </summary>
[Trait("Category", "Integration")]
public sealed class SyncWorkerReplicaTests : IAsyncLifetime
{
    private const string Integration = "probe";
    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
    private readonly ServiceProvider services = new ServiceCollection().BuildServiceProvider();
    private NpgsqlDataSource dataSource = null!;
    private SyncRunStore otherProcess = null!;

    public async Task InitializeAsync()
    {
        var servers = await TestServers.GetAsync();
        var connectionString = await servers.CreateDatabaseAsync("sync_replicas");
        new DatabaseMigrations(connectionString, typeof(SyncRun).Assembly).Apply(NullLogger.Instance);
        dataSource = NpgsqlDataSource.Create(connectionString);
        otherProcess = new SyncRunStore(dataSource, TimeProvider.System, new RecordingOutbox());
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await dataSource.DisposeAsync();
    }

    [Fact]
    public async Task A_starting_worker_leaves_a_run_another_process_holds_and_fails_it_once_that_process_is_gone()
    {
        var live = await ClaimAsync(Guid.NewGuid());
        var dead = await ClaimAsync(Guid.NewGuid());
        // A process that stopped mid-run: its connection, and with it the run's lock, is gone.
        await dead.DisposeAsync();
        var runs = new SyncRunStore(dataSource, clock, new RecordingOutbox());
        using var worker = new SyncWorker(services.GetRequiredService<IServiceScopeFactory>(),
            new IntegrationCatalog([new IntegrationRegistration(Integration)]), runs,
            new IntegrationSettingsStore(dataSource, new EphemeralDataProtectionProvider(), clock), clock,
            NullLogger<SyncWorker>.Instance);

        await worker.StartAsync(CancellationToken.None);
        try
        {
            // The start-up sweep is one statement: once it failed the dead run, it has passed over the live one.
            await Eventually.AssertAsync(async () =>
                (await runs.FindAsync(dead.Run.OrgId, dead.Run.Id, default))!.Status.ShouldBe(SyncRunStatus.Failed));
            var held = (await runs.FindAsync(live.Run.OrgId, live.Run.Id, default))!;
            held.Status.ShouldBe(SyncRunStatus.Running);
            held.Error.ShouldBeNull();

            await live.DisposeAsync();

            await Eventually.AssertAsync(async () =>
            {
                clock.Advance(SyncWorker.SweepInterval);
                var interrupted = (await runs.FindAsync(live.Run.OrgId, live.Run.Id, default))!;
                interrupted.Status.ShouldBe(SyncRunStatus.Failed);
                interrupted.Error!.ShouldStartWith("Interrupted: the service stopped while the sync ran.");
            });
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
            await live.DisposeAsync();
        }
    }

    /// <summary>A run queued for the organization and claimed by the other process, which holds its lease.</summary>
    private async Task<SyncRunLease> ClaimAsync(Guid orgId)
    {
        await otherProcess.EnqueueAsync(orgId, Integration, SyncTriggers.Manual, "someone", default);
        var lease = (await otherProcess.ClaimNextAsync([Integration], default)).ShouldNotBeNull();
        lease.Run.OrgId.ShouldBe(orgId);
        lease.Run.Status.ShouldBe(SyncRunStatus.Running);
        return lease;
    }
}
