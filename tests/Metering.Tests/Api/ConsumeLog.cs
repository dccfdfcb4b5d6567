using System.Collections.Concurrent;
using BillingOne.Testing;
using MassTransit;

namespace BillingOne.Metering.Tests.Api;

/// <summary>
/// Every consumption the service finished, by message id, with the exception when it faulted: lets a test wait
/// until a delivery was handled, including one that deliberately changes nothing (a redelivery).
/// </summary>
public sealed class ConsumeLog : IConsumeObserver
{
    private readonly ConcurrentQueue<(Guid? MessageId, Exception? Fault)> entries = new();

    Task IConsumeObserver.PreConsume<T>(ConsumeContext<T> context) => Task.CompletedTask;

    Task IConsumeObserver.PostConsume<T>(ConsumeContext<T> context) => Add(context.MessageId, null);

    Task IConsumeObserver.ConsumeFault<T>(ConsumeContext<T> context, Exception exception) =>
        Add(context.MessageId, exception);

    public Task WaitUntilHandledAsync(Guid messageId, int times = 1) => Eventually.UntilAsync(
        () => Task.FromResult(entries.Count(entry => entry.MessageId == messageId && entry.Fault is null) >= times),
        $"message {messageId} to be handled {times} time(s)");

    public async Task<Exception> WaitForFaultAsync(Guid messageId)
    {
        var entry = await Eventually.ReturnsAsync(
            () => Task.FromResult(entries.FirstOrDefault(entry => entry.MessageId == messageId && entry.Fault is not null)),
            entry => entry.Fault is not null, $"message {messageId} to fault");
        return entry.Fault!;
    }

    private Task Add(Guid? messageId, Exception? fault)
    {
        entries.Enqueue((messageId, fault));
        return Task.CompletedTask;
    }
}
