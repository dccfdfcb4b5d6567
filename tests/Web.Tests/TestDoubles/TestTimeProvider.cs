using Microsoft.Extensions.Time.Testing;

namespace BillingOne.Web.Tests.TestDoubles;

/// <summary>
/// Fake time that also tells when code under test has started waiting (created a timer), so a test advances the
/// clock only after the wait began and never races the component.
/// </summary>
public sealed class TestTimeProvider() : FakeTimeProvider(new DateTimeOffset(2025, 3, 14, 9, 30, 0, TimeSpan.Zero))
{
    private int timersCreated;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        Interlocked.Increment(ref timersCreated);
        return timer;
    }

    /// <summary>Advances the clock by <paramref name="interval"/> once the <paramref name="timer"/>-th wait has begun.</summary>
    public void AdvanceAfterTimer(int timer, TimeSpan interval)
    {
        SpinWait.SpinUntil(() => Volatile.Read(ref timersCreated) >= timer, TimeSpan.FromSeconds(10))
            .ShouldBeTrue($"The component never started wait number {timer}.");
        Advance(interval);
    }
}
