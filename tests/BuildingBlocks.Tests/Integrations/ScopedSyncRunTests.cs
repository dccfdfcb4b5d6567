using BillingOne.BuildingBlocks.Data;
using BillingOne.BuildingBlocks.Integrations;
using BillingOne.Contracts.Events;
using BillingOne.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Shouldly;

namespace BillingOne.BuildingBlocks.Tests.Integrations;

/// <summary>How webhook-triggered runs coalesce with the one run per organization and integration that may be active.</summary>
[Trait("Category", "Integration")]
public sealed class ScopedSyncRunTests : IAsyncLifetime
{
    private const string Integration = "pax8";
    private readonly Guid orgId = Guid.NewGuid();
    private NpgsqlDataSource dataSource = null!;
    private readonly RecordingOutbox outbox = new();
    private SyncRunStore runs = null!;

    public async Task InitializeAsync()
    {
        var servers = await TestServers.GetAsync();
        var connectionString = await servers.CreateDatabaseAsync("scoped_runs");
        new DatabaseMigrations(connectionString, typeof(SyncRun).Assembly).Apply(NullLogger.Instance);
        dataSource = NpgsqlDataSource.Create(connectionString);
        runs = new SyncRunStore(dataSource, TimeProvider.System, outbox);
    }

    public async Task DisposeAsync() => await dataSource.DisposeAsync();

    [Fact]
    public async Task Notifications_merge_into_the_waiting_run_and_become_one_follow_up_of_the_running_one()
    {
        var (first, firstOutcome) = await EnqueueAsync("s1", "s2");
        var (merged, mergedOutcome) = await EnqueueAsync("s2", "s3");

        firstOutcome.ShouldBe(ScopedEnqueueOutcome.Queued);
        first.Trigger.ShouldBe(SyncTriggers.WebhookTriggered);
        mergedOutcome.ShouldBe(ScopedEnqueueOutcome.MergedIntoQueued);
        merged.Id.ShouldBe(first.Id);
        merged.Scope!.IdsOf("subscription").ShouldBe(["s1", "s2", "s3"]);

        await using (var lease = (await runs.ClaimNextAsync([Integration], default)).ShouldNotBeNull())
        {
            lease.Run.Id.ShouldBe(first.Id);
            (await EnqueueAsync("s4")).Outcome.ShouldBe(ScopedEnqueueOutcome.FollowUp);
            (await EnqueueAsync("s1")).Outcome.ShouldBe(ScopedEnqueueOutcome.FollowUp);
            await runs.FinishAsync(lease.Run, null, null, default);
        }

        await using var followUpLease = (await runs.ClaimNextAsync([Integration], default)).ShouldNotBeNull();
        var followUp = followUpLease.Run;
        followUp.Id.ShouldNotBe(first.Id);
        followUp.Trigger.ShouldBe(SyncTriggers.WebhookTriggered);
        followUp.RequestedBy.ShouldBe(SyncRunStore.WebhookRequester);
        followUp.Scope!.IdsOf("subscription").ShouldBe(["s4", "s1"]);
        await runs.FinishAsync(followUp, null, null, default);
        (await runs.ClaimNextAsync([Integration], default)).ShouldBeNull("a run without notifications has no follow-up");
        outbox.Messages.ShouldBeEmpty("completed runs announce nothing");
    }

    [Fact]
    public async Task A_failed_run_announces_its_error()
    {
        await runs.EnqueueAsync(orgId, Integration, SyncTriggers.Manual, "someone", default);
        await using var lease = (await runs.ClaimNextAsync([Integration], default)).ShouldNotBeNull();

        await runs.FinishAsync(lease.Run, null, "the vendor answered 401 Unauthorized", "Pax8", default);

        var failed = outbox.Messages.OfType<SyncFailed>().ShouldHaveSingleItem();
        failed.ShouldBe(failed with
        {
            OrgId = orgId,
            RunId = lease.Run.Id,
            Integration = Integration,
            Error = "the vendor answered 401 Unauthorized",
            IntegrationName = "Pax8",
        });
        failed.Validate().ShouldBeEmpty();
    }

    [Fact]
    public async Task A_run_interrupted_by_a_stopped_process_still_gets_its_follow_up()
    {
        await EnqueueAsync("s1");
        var lease = (await runs.ClaimNextAsync([Integration], default)).ShouldNotBeNull();
        await EnqueueAsync("s2");
        // The process stops without finishing the run: its lease's connection is gone.
        await lease.DisposeAsync();

        (await runs.FailInterruptedAsync([Integration], name => name == Integration ? "Pax8" : null, default))
            .ShouldBeGreaterThanOrEqualTo(1);

        (await runs.FindAsync(orgId, lease.Run.Id, default))!.Status.ShouldBe(SyncRunStatus.Failed);
        outbox.Messages.OfType<SyncFailed>().ShouldContain(failed => failed.RunId == lease.Run.Id
            && failed.OrgId == orgId && failed.Error == SyncRunStore.InterruptedError && failed.IntegrationName == "Pax8");
        await using var followUp = (await runs.ClaimNextAsync([Integration], default)).ShouldNotBeNull();
        followUp.Run.OrgId.ShouldBe(orgId);
        followUp.Run.Scope!.IdsOf("subscription").ShouldBe(["s2"]);
    }

    [Fact]
    public async Task A_waiting_full_sync_covers_a_notification()
    {
        var (full, _) = await runs.EnqueueAsync(orgId, Integration, SyncTriggers.Manual, "someone", default);

        var (run, outcome) = await EnqueueAsync("s1");

        outcome.ShouldBe(ScopedEnqueueOutcome.CoveredByQueued);
        run.Id.ShouldBe(full.Id);
        run.Scope.ShouldBeNull();
    }

    [Fact]
    public async Task A_full_sync_asked_for_while_a_scoped_run_waits_widens_it()
    {
        var (scoped, _) = await EnqueueAsync("s1");

        var (full, queued) = await runs.EnqueueAsync(orgId, Integration, SyncTriggers.Manual, "someone", default);

        queued.ShouldBeTrue();
        full.Id.ShouldBe(scoped.Id);
        full.Trigger.ShouldBe(SyncTriggers.Manual);
        full.RequestedBy.ShouldBe("someone");
        full.Scope.ShouldBeNull();
        (await runs.EnqueueAsync(orgId, Integration, SyncTriggers.Manual, "someone else", default)).Queued
            .ShouldBeFalse("a full run waits: the next request is told about it");
    }

    private async Task<(SyncRun Run, ScopedEnqueueOutcome Outcome)> EnqueueAsync(params string[] subscriptionIds)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var result = await runs.EnqueueScopedAsync(transaction, orgId, Integration, SyncTriggers.WebhookTriggered,
            SyncRunStore.WebhookRequester, SyncScope.Of(subscriptionIds.Select(id => new SyncScopeItem("subscription", id))),
            default);
        await transaction.CommitAsync();
        return result;
    }
}
