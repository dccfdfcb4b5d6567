namespace BillingOne.Testing;

/// <summary>
/// Waits for eventually-consistent effects (events relayed, read models updated): retries an assertion until it
/// passes or the bounded wait ends, then fails with the assertion's own message. Not a timing assertion: the
/// bound only keeps a broken system from hanging the suite.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Most effects land within milliseconds, so the first retries come soon; the pause then doubles up to
    /// <see cref="LongestPause"/>, so a long wait does not load a busy machine with checks.
    /// </summary>
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(5);

    private static readonly TimeSpan LongestPause = TimeSpan.FromMilliseconds(100);

    public static async Task AssertAsync(Func<Task> assertion, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        var pause = FirstPause;
        while (true)
        {
            try
            {
                await assertion();
                return;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                pause = await PauseAsync(pause);
            }
        }
    }

    /// <summary>Polls <paramref name="probe"/> until it yields a value <paramref name="done"/> accepts; fails after the bound.</summary>
    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what,
        TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        var pause = FirstPause;
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Gave up waiting for {what}; last value: {value}");
            }
            pause = await PauseAsync(pause);
        }
    }

    /// <summary>Waits <paramref name="pause"/> and returns the next one.</summary>
    private static async Task<TimeSpan> PauseAsync(TimeSpan pause)
    {
        await Task.Delay(pause);
        return pause * 2 < LongestPause ? pause * 2 : LongestPause;
    }

    public static Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null) =>
        ReturnsAsync(condition, done => done, what, timeout);

    public static Task AssertAsync(Action assertion, TimeSpan? timeout = null) =>
        AssertAsync(() =>
        {
            assertion();
            return Task.CompletedTask;
        }, timeout);
}
