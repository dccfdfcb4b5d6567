namespace BillingOne.Sandbox.RateLimiting;

/// <summary>
/// A fixed-window request counter per API client. Written here rather than taken from
/// System.Threading.RateLimiting because a vendor's <c>Retry-After</c> must say when the client's window
/// really reopens (that limiter only reports the whole window), and because it runs on
/// <see cref="TimeProvider"/>, so tests can move the clock instead of waiting.
/// </summary>
public sealed class ClientRequestLimiter(ClientRateLimitOptions options, TimeProvider timeProvider)
{
    private readonly Dictionary<string, Window> windows = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    public ClientRateLimitOptions Options => options;

    /// <summary>Counts a request for <paramref name="clientId"/>; false with the wait when its window is used up.</summary>
    public bool TryAcquire(string clientId, out TimeSpan retryAfter) => TryAcquire(clientId, out retryAfter, out _);

    /// <summary>As <see cref="TryAcquire(string, out TimeSpan)"/>, also telling how many requests the window has left.</summary>
    public bool TryAcquire(string clientId, out TimeSpan retryAfter, out int remaining)
    {
        var now = timeProvider.GetUtcNow();
        lock (gate)
        {
            if (!windows.TryGetValue(clientId, out var window) || now >= window.Start + options.Window)
            {
                window = new Window(now, 0);
            }
            if (window.Count >= options.PermitLimit)
            {
                retryAfter = window.Start + options.Window - now;
                remaining = 0;
                return false;
            }
            windows[clientId] = window with { Count = window.Count + 1 };
            retryAfter = TimeSpan.Zero;
            remaining = options.PermitLimit - window.Count - 1;
            return true;
        }
    }

    private readonly record struct Window(DateTimeOffset Start, int Count);
}
