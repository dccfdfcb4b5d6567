using BillingOne.BuildingBlocks.Messaging;
using BillingOne.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using Shouldly;

namespace BillingOne.BuildingBlocks.Tests.Messaging;

/// <summary>
/// <see cref="ConsumerRetryPolicy"/> on a real broker, with the probe's retry limit of 2: an outage is retried past the
/// limit until the consumer succeeds, and nothing reaches <c>_error</c>; a fault of the consumer's own goes to
/// <c>_error</c> after the limit.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ConsumerRetryPolicyTests : IAsyncLifetime
{
    private const int RetryLimit = 2;

    private ProbeHost probe = null!;

    public async Task InitializeAsync() => probe = await ProbeHost.StartAsync("retry-policy");

    public async Task DisposeAsync() => await probe.DisposeAsync();

    [Fact]
    public async Task A_message_meeting_an_outage_is_retried_past_the_limit_until_it_succeeds_and_never_reaches_error()
    {
        var bus = probe.Services.GetRequiredService<IBus>();
        var probeId = Guid.NewGuid();
        // Past the limit: the old policy sent such a message to _error after its third attempt.
        const int outages = RetryLimit + 2;

        await bus.Publish(new OutageMet(probeId, outages));

        await Eventually.AssertAsync(() =>
        {
            probe.Log.Succeeded.ShouldContain(probeId);
            return Task.CompletedTask;
        }, TimeSpan.FromMinutes(1));
        probe.Log.Attempts[probeId].ShouldBe(outages + 1);
        (await MessagesInQueueAsync(ErrorQueueOf<OutageMetConsumer>())).ShouldBe(0u);
    }

    [Fact]
    public async Task A_fault_of_the_consumer_itself_goes_to_error_after_the_retry_limit()
    {
        var bus = probe.Services.GetRequiredService<IBus>();
        var probeId = Guid.NewGuid();

        await bus.Publish(new FaultMet(probeId));

        await Eventually.AssertAsync(async () =>
            (await MessagesInQueueAsync(ErrorQueueOf<FaultMetConsumer>())).ShouldBe(1u), TimeSpan.FromMinutes(1));
        probe.Log.Attempts[probeId].ShouldBe(RetryLimit + 1);
    }

    private string ErrorQueueOf<TConsumer>() where TConsumer : class, IConsumer =>
        probe.Services.GetRequiredService<IEndpointNameFormatter>().Consumer<TConsumer>() + "_error";

    /// <summary>Messages in <paramref name="queue"/>; 0 when it does not exist (MassTransit declares _error at first use).</summary>
    private async Task<uint> MessagesInQueueAsync(string queue)
    {
        var factory = new ConnectionFactory { Uri = probe.VirtualHost };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
        }
        catch (OperationInterruptedException missing) when (missing.ShutdownReason?.ReplyCode == 404)
        {
            return 0;
        }
    }
}
