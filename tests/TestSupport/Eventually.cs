namespace BillingOne.Testing;

/// <summary>
/// Waits for eventually-consistent effects (events relayed, read models updated): retries an assertion until it
/// passes or the bounded wait ends, then fails with the assertion's own message. Not a timing assertion: the
/// bound only keeps a broken system from hanging the suite.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public static async Task AssertAsync(Func<Task> assertion, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            try
            {
                await assertion();
                return;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    public static Task AssertAsync(Action assertion, TimeSpan? timeout = null) =>
        AssertAsync(() =>
        {
            assertion();
            return Task.CompletedTask;
        }, timeout);
}
