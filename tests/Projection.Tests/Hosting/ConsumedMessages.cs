using System.Collections.Concurrent;
using BillingOne.Testing;
using MassTransit;

namespace BillingOne.Projection.Tests.Hosting;

/// <summary>
/// Counts, per message id, how often the host's consumers finished or faulted on a message, so a test can wait
/// until a delivery has been handled, including deliveries that deliberately change nothing.
/// </summary>
public sealed class ConsumedMessages : IConsumeObserver
{
    private readonly ConcurrentDictionary<Guid, int> consumed = new();
    private readonly ConcurrentDictionary<Guid, Exception> faults = new();

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        if (context.MessageId is { } messageId)
        {
            consumed.AddOrUpdate(messageId, 1, (_, count) => count + 1);
        }
        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class
    {
        if (context.MessageId is { } messageId)
        {
            faults[messageId] = exception;
        }
        return Task.CompletedTask;
    }

    public int TimesConsumed(Guid messageId) => consumed.GetValueOrDefault(messageId);

    public Task WaitUntilConsumedAsync(Guid messageId, int times = 1) => Eventually.UntilAsync(
        () => Task.FromResult(TimesConsumed(messageId) >= times), $"message {messageId} to be consumed {times} time(s)");

    public Task<Exception> WaitForFaultAsync(Guid messageId) => Eventually.ReturnsAsync(
        () => Task.FromResult(faults.GetValueOrDefault(messageId)), fault => fault is not null,
        $"message {messageId} to fault")!;
}
