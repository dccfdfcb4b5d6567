using System.Collections.Concurrent;
using MassTransit;

namespace BillingOne.Testing;

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

    /// <summary>Waits until the message was handled <paramref name="times"/> times; a timeout names its last fault.</summary>
    public async Task WaitUntilHandledAsync(Guid messageId, int times = 1)
    {
        try
        {
            await Eventually.UntilAsync(
                () => Task.FromResult(entries.Count(entry => entry.MessageId == messageId && entry.Fault is null) >= times),
                $"message {messageId} to be handled {times} time(s)");
        }
        catch (TimeoutException timeout) when (entries.LastOrDefault(entry => entry.MessageId == messageId).Fault is { } fault)
        {
            throw new TimeoutException($"{timeout.Message}; it faulted: {fault}", timeout);
        }
    }

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
