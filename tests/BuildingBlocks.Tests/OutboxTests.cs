using BillingOne.BuildingBlocks.Messaging;
using BillingOne.Testing;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace BillingOne.BuildingBlocks.Tests;

[Trait("Category", "Integration")]
public sealed class OutboxTests : IAsyncLifetime
{
    private ProbeHost probe = null!;

    public async Task InitializeAsync() => probe = await ProbeHost.StartAsync("outbox");

    public async Task DisposeAsync() => await probe.DisposeAsync();

    private IOutbox Outbox => probe.Services.GetRequiredService<IOutbox>();

    [Fact]
    public async Task A_committed_event_is_published_and_stamped_sent()
    {
        var probeId = Guid.NewGuid();
        Guid messageId = default;
        await probe.InTransactionAsync(async tx =>
            messageId = await Outbox.EnqueueAsync(tx, new ProbeHappened(probeId, "committed")));

        await Eventually.AssertAsync(() => probe.Log.Probes.ShouldContain(p => p.ProbeId == probeId));
        await Eventually.AssertAsync(async () => (await SentAtAsync(messageId)).ShouldNotBeNull());
        probe.Log.Probes.Count(p => p.ProbeId == probeId).ShouldBe(1);
    }

    [Fact]
    public async Task Events_enqueued_together_are_queued_in_their_order_under_their_own_ids_and_all_published()
    {
        var probeIds = Enumerable.Range(0, 3).Select(_ => Guid.NewGuid()).ToList();
        IReadOnlyList<Guid> messageIds = [];
        await probe.InTransactionAsync(async tx => messageIds = await Outbox.EnqueueAllAsync(tx,
            probeIds.Select((id, index) => new ProbeHappened(id, $"together {index}")).ToList()));

        messageIds.Distinct().Count().ShouldBe(3);
        await using var connection = await probe.DataSource.OpenConnectionAsync();
        var queued = (await connection.QueryAsync<Guid>(
            "SELECT message_id FROM outbox_messages WHERE message_id = ANY(@messageIds) ORDER BY sequence",
            new { messageIds = messageIds.ToArray() })).ToList();
        queued.ShouldBe(messageIds);
        await Eventually.AssertAsync(() => probe.Log.Probes.Count(p => probeIds.Contains(p.ProbeId)).ShouldBe(3));
        // Published in sequence order; the probe consumer may handle them concurrently, so arrival order is not checked.
        probe.Log.Probes.Where(p => probeIds.Contains(p.ProbeId)).Select(p => p.ProbeId).ShouldBe(probeIds, ignoreOrder: true);
    }

    [Fact]
    public async Task A_rolled_back_transaction_publishes_nothing()
    {
        var rolledBack = Guid.NewGuid();
        var committedAfter = Guid.NewGuid();
        await probe.InTransactionAsync(tx => Outbox.EnqueueAsync(tx, new ProbeHappened(rolledBack, "rolled back")),
            commit: false);
        await probe.InTransactionAsync(tx => Outbox.EnqueueAsync(tx, new ProbeHappened(committedAfter, "marker")));

        // The relay publishes in commit order: once the later marker arrived, the rolled-back one would have too.
        await Eventually.AssertAsync(() => probe.Log.Probes.ShouldContain(p => p.ProbeId == committedAfter));
        probe.Log.Probes.ShouldNotContain(p => p.ProbeId == rolledBack);
        await using var connection = await probe.DataSource.OpenConnectionAsync();
        var rows = await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM outbox_messages WHERE payload->>'probeId' = @id", new { id = rolledBack.ToString() });
        rows.ShouldBe(0);
    }

    [Fact]
    public async Task An_event_committed_while_the_broker_is_down_is_published_once_it_is_back()
    {
        var probeId = Guid.NewGuid();
        probe.BrokerLink.Cut();
        Guid messageId = default;
        await probe.InTransactionAsync(async tx =>
            messageId = await Outbox.EnqueueAsync(tx, new ProbeHappened(probeId, "during outage")));

        // The relay tried, the broker did not confirm, the row stays queued with the reason.
        await Eventually.AssertAsync(async () =>
        {
            var row = await RowAsync(messageId);
            row.LastError.ShouldNotBeNull();
            row.SentAt.ShouldBeNull();
        });
        probe.Log.Probes.ShouldNotContain(p => p.ProbeId == probeId);

        probe.BrokerLink.Restore();

        await Eventually.AssertAsync(() => probe.Log.Probes.ShouldContain(p => p.ProbeId == probeId),
            TimeSpan.FromSeconds(90));
        await Eventually.AssertAsync(async () => (await SentAtAsync(messageId)).ShouldNotBeNull());
        probe.Log.Probes.Count(p => p.ProbeId == probeId).ShouldBe(1);
    }

    private async Task<DateTime?> SentAtAsync(Guid messageId) => (await RowAsync(messageId)).SentAt;

    private async Task<OutboxRow> RowAsync(Guid messageId)
    {
        await using var connection = await probe.DataSource.OpenConnectionAsync();
        return await connection.QuerySingleAsync<OutboxRow>(
            "SELECT sent_at AS SentAt, last_error AS LastError, attempts AS Attempts FROM outbox_messages WHERE message_id = @messageId",
            new { messageId });
    }

    private sealed record OutboxRow(DateTime? SentAt, string? LastError, int Attempts);
}
