using BillingOne.Testing;
using Dapper;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;
using Shouldly;

namespace BillingOne.BuildingBlocks.Tests;

[Trait("Category", "Integration")]
public sealed class InboxAndErrorQueueTests : IAsyncLifetime
{
    private ProbeHost probe = null!;

    public async Task InitializeAsync() => probe = await ProbeHost.StartAsync("inbox");

    public async Task DisposeAsync() => await probe.DisposeAsync();

    [Fact]
    public async Task A_redelivered_message_changes_state_once()
    {
        var bus = probe.Services.GetRequiredService<IBus>();
        var deliveries = new DeliveryCounter<CounterIncremented>();
        using var observer = bus.ConnectConsumeMessageObserver(deliveries);
        var messageId = NewId.NextGuid();
        var counter = $"redelivered-{messageId:N}";

        // The same message id three times, as a broker redelivery or a relay replay after a crash would.
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ =>
            bus.Publish(new CounterIncremented(counter), context => context.MessageId = messageId)));

        await Eventually.AssertAsync(() => deliveries.Consumed(messageId).ShouldBe(3));
        (await CounterValueAsync(counter)).ShouldBe(1);
        await using var connection = await probe.DataSource.OpenConnectionAsync();
        (await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM inbox_messages WHERE message_id = @messageId", new { messageId })).ShouldBe(1);
    }

    [Fact]
    public async Task Different_messages_each_change_state()
    {
        var bus = probe.Services.GetRequiredService<IBus>();
        var counter = $"distinct-{Guid.NewGuid():N}";

        await bus.Publish(new CounterIncremented(counter));
        await bus.Publish(new CounterIncremented(counter));

        await Eventually.AssertAsync(async () => (await CounterValueAsync(counter)).ShouldBe(2));
    }

    [Fact]
    public async Task A_validation_failure_goes_straight_to_the_error_queue_without_retries()
    {
        var bus = probe.Services.GetRequiredService<IBus>();
        var formatter = probe.Services.GetRequiredService<IEndpointNameFormatter>();
        var errorQueue = formatter.Consumer<MalformedArrivedConsumer>() + "_error";

        await bus.Publish(new MalformedArrived(Guid.NewGuid()));

        await Eventually.AssertAsync(async () => (await MessagesInQueueAsync(errorQueue)).ShouldBe(1u));
        probe.Log.MalformedAttempts.ShouldBe(1);
    }

    [Fact]
    public async Task An_event_its_own_validate_refuses_goes_to_the_error_queue_before_the_inbox_records_it()
    {
        var bus = probe.Services.GetRequiredService<IBus>();
        var errorQueue = probe.Services.GetRequiredService<IEndpointNameFormatter>().Consumer<CounterIncrementedConsumer>() + "_error";
        var messageId = NewId.NextGuid();

        await bus.Publish(new CounterIncremented(" "), context => context.MessageId = messageId);

        await Eventually.AssertAsync(async () => (await MessagesInQueueAsync(errorQueue)).ShouldBe(1u));
        await using var connection = await probe.DataSource.OpenConnectionAsync();
        (await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM inbox_messages WHERE message_id = @messageId", new { messageId })).ShouldBe(0);
    }

    private async Task<int?> CounterValueAsync(string counter)
    {
        await using var connection = await probe.DataSource.OpenConnectionAsync();
        return await connection.QuerySingleOrDefaultAsync<int?>(
            "SELECT value FROM probe_counters WHERE name = @counter", new { counter });
    }

    private async Task<uint> MessagesInQueueAsync(string queue)
    {
        var factory = new ConnectionFactory { Uri = probe.VirtualHost };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var declared = await channel.QueueDeclarePassiveAsync(queue);
        return declared.MessageCount;
    }

    /// <summary>Counts finished consumptions per message id, whatever their outcome.</summary>
    private sealed class DeliveryCounter<T> : IConsumeMessageObserver<T> where T : class
    {
        private readonly Dictionary<Guid, int> consumed = [];

        public int Consumed(Guid messageId)
        {
            lock (consumed)
            {
                return consumed.GetValueOrDefault(messageId);
            }
        }

        public Task PreConsume(ConsumeContext<T> context) => Task.CompletedTask;

        public Task PostConsume(ConsumeContext<T> context) => Count(context);

        public Task ConsumeFault(ConsumeContext<T> context, Exception exception) => Count(context);

        private Task Count(ConsumeContext<T> context)
        {
            lock (consumed)
            {
                var id = context.MessageId!.Value;
                consumed[id] = consumed.GetValueOrDefault(id) + 1;
            }
            return Task.CompletedTask;
        }
    }
}
