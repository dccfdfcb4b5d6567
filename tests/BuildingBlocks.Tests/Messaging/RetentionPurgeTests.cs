using BillingOne.BuildingBlocks.Messaging;
using BillingOne.BuildingBlocks.Retention;
using BillingOne.Testing;
using Dapper;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Shouldly;

namespace BillingOne.BuildingBlocks.Tests.Messaging;

[Trait("Category", "Integration")]
public sealed class RetentionPurgeTests : IAsyncLifetime
{
    private const string Consumer = "retention-probe";

    private ProbeHost probe = null!;

    public async Task InitializeAsync() => probe = await ProbeHost.StartAsync("retention");

    public async Task DisposeAsync() => await probe.DisposeAsync();

    private RetentionPurgeWorker Worker => probe.Services.GetRequiredService<RetentionPurgeWorker>();

    [Fact]
    public async Task Rows_past_their_window_are_purged_and_rows_inside_it_are_kept()
    {
        var (oldInbox, recentInbox) = (Guid.NewGuid(), Guid.NewGuid());
        var (oldSent, recentSent) = (Guid.NewGuid(), Guid.NewGuid());
        await using var connection = await probe.DataSource.OpenConnectionAsync();
        await connection.ExecuteAsync("""
            INSERT INTO inbox_messages (consumer, message_id, processed_at) VALUES
                (@Consumer, @oldInbox, now() - interval '15 days'), (@Consumer, @recentInbox, now() - interval '13 days');
            INSERT INTO outbox_messages (message_id, message_type, payload, created_at, sent_at) VALUES
                (@oldSent, 'Probe.Sent, Probe', '{}', now() - interval '9 days', now() - interval '8 days'),
                (@recentSent, 'Probe.Sent, Probe', '{}', now() - interval '7 days', now() - interval '6 days');
            INSERT INTO idempotent_requests (org_id, actor_id, idempotency_key, method, path, body_sha256, completed,
                                             created_at) VALUES
                (@orgId, @orgId, 'yesterday', 'POST', '/x', '\x00', true, now() - interval '25 hours'),
                (@orgId, @orgId, 'today', 'POST', '/x', '\x00', true, now() - interval '23 hours');
            """, new { Consumer, oldInbox, recentInbox, oldSent, recentSent, orgId = Guid.NewGuid() });

        var outcomes = await Worker.PurgeAllAsync(CancellationToken.None);

        outcomes.Select(outcome => (outcome.Name, outcome.Deleted)).ShouldBe(
            [("inbox", 1), ("outbox-sent", 1), ("idempotency-keys", 1)], ignoreOrder: true);
        (await connection.QueryAsync<Guid>("SELECT message_id FROM inbox_messages WHERE consumer = @Consumer",
            new { Consumer })).ShouldBe([recentInbox]);
        (await connection.QueryAsync<Guid>("SELECT message_id FROM outbox_messages WHERE sent_at IS NOT NULL"))
            .ShouldBe([recentSent]);
        (await connection.QueryAsync<string>("SELECT idempotency_key FROM idempotent_requests")).ShouldBe(["today"]);
    }

    [Fact]
    public async Task Unsent_outbox_rows_are_never_purged_however_old()
    {
        var owed = Guid.NewGuid();
        await using var connection = await probe.DataSource.OpenConnectionAsync();
        // A type no relay can load: the row stays unsent, as one would through a long broker outage.
        await connection.ExecuteAsync("""
            INSERT INTO outbox_messages (message_id, message_type, payload, created_at, attempts)
            VALUES (@owed, 'Nowhere.Unloadable, Nowhere', '{}', now() - interval '400 days', 1000)
            """, new { owed });

        await Worker.PurgeAllAsync(CancellationToken.None);

        (await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM outbox_messages WHERE message_id = @owed AND sent_at IS NULL", new { owed }))
            .ShouldBe(1);
    }

    [Fact]
    public async Task A_redelivery_inside_the_window_is_still_ignored_after_a_purge()
    {
        var bus = probe.Services.GetRequiredService<IBus>();
        var handled = new ConsumeLog();
        using var observer = bus.ConnectConsumeObserver(handled);
        var messageId = NewId.NextGuid();
        var counter = $"retained-{messageId:N}";
        await bus.Publish(new CounterIncremented(counter), context => context.MessageId = messageId);
        await handled.WaitUntilHandledAsync(messageId);
        await using var connection = await probe.DataSource.OpenConnectionAsync();
        // Applied almost two weeks ago, next to records from before the window that the purge removes.
        await connection.ExecuteAsync("""
            UPDATE inbox_messages SET processed_at = now() - interval '13 days' WHERE message_id = @messageId;
            INSERT INTO inbox_messages (consumer, message_id, processed_at)
            SELECT @Consumer, gen_random_uuid(), now() - interval '15 days' FROM generate_series(1, 50);
            """, new { messageId, Consumer });

        var purged = await Worker.PurgeAllAsync(CancellationToken.None);
        await bus.Publish(new CounterIncremented(counter), context => context.MessageId = messageId);
        await handled.WaitUntilHandledAsync(messageId, times: 2);

        purged.Single(outcome => outcome.Name == "inbox").Deleted.ShouldBe(50);
        (await connection.ExecuteScalarAsync<int>("SELECT value FROM probe_counters WHERE name = @counter",
            new { counter })).ShouldBe(1);
    }

    [Fact]
    public async Task Purging_runs_in_batches_while_concurrent_inserts_complete()
    {
        const int expired = 12_000;
        const int batchSize = 500;
        await using var connection = await probe.DataSource.OpenConnectionAsync();
        await connection.ExecuteAsync("""
            INSERT INTO inbox_messages (consumer, message_id, processed_at)
            SELECT @Consumer, gen_random_uuid(), now() - interval '30 days' FROM generate_series(1, @expired)
            """, new { Consumer, expired });
        var worker = new RetentionPurgeWorker(probe.Services.GetServices<IRetentionPurge>(),
            Options.Create(new RetentionOptions { BatchSize = batchSize }), TimeProvider.System,
            NullLogger<RetentionPurgeWorker>.Instance);
        var inbox = probe.Services.GetRequiredService<IInbox>();
        var arriving = Enumerable.Range(0, 2_000).Select(_ => Guid.NewGuid()).ToList();

        var purging = worker.PurgeAllAsync(CancellationToken.None);
        var recorded = await Task.WhenAll(arriving.Chunk(100).Select(chunk => Task.Run(async () =>
        {
            var results = new List<bool>();
            foreach (var messageId in chunk)
            {
                await using var writer = await probe.DataSource.OpenConnectionAsync();
                await using var transaction = await writer.BeginTransactionAsync();
                results.Add(await inbox.TryRecordAsync(transaction, Consumer, messageId));
                await transaction.CommitAsync();
            }
            return results;
        })));
        var inboxOutcome = (await purging).Single(outcome => outcome.Name == "inbox");

        recorded.SelectMany(results => results).ShouldAllBe(inserted => inserted);
        inboxOutcome.Deleted.ShouldBe(expired);
        inboxOutcome.Batches.ShouldBe(expired / batchSize + 1);
        (await connection.QueryAsync<Guid>("SELECT message_id FROM inbox_messages WHERE consumer = @Consumer",
            new { Consumer })).ShouldBe(arriving, ignoreOrder: true);
    }

    [Fact]
    public async Task A_purge_skips_rows_another_transaction_holds_instead_of_waiting_for_it()
    {
        var (held, free) = (Guid.NewGuid(), Guid.NewGuid());
        await using var connection = await probe.DataSource.OpenConnectionAsync();
        await connection.ExecuteAsync("""
            INSERT INTO inbox_messages (consumer, message_id, processed_at)
            VALUES (@Consumer, @held, now() - interval '20 days'), (@Consumer, @free, now() - interval '20 days')
            """, new { Consumer, held, free });
        await using var holder = await probe.DataSource.OpenConnectionAsync();
        await using var holding = await holder.BeginTransactionAsync();
        await holder.ExecuteAsync("SELECT 1 FROM inbox_messages WHERE message_id = @held FOR UPDATE", new { held },
            holding);

        var whileHeld = await Worker.PurgeAllAsync(CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(1));
        await holding.RollbackAsync();
        var afterwards = await Worker.PurgeAllAsync(CancellationToken.None);

        whileHeld.Single(outcome => outcome.Name == "inbox").Deleted.ShouldBe(1);
        afterwards.Single(outcome => outcome.Name == "inbox").Deleted.ShouldBe(1);
        (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM inbox_messages WHERE consumer = @Consumer",
            new { Consumer })).ShouldBe(0);
    }
}
