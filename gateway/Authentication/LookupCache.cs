using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace BillingOne.Gateway.Authentication;

/// <summary>
/// Remembers credential lookups, good and bad, for <see cref="Lifetime"/>: long enough to spare the identity
/// service a call per request, short enough that a revoked or disabled key or user is refused within a second.
/// Keys are hashes or ids, never plain credentials.
/// </summary>
public sealed class LookupCache(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(1);

    // Entries live a second, so the cache holds about one second of distinct credentials; past this size the
    // expired ones are swept out so callers inventing keys cannot grow it without bound.
    private const int SweepThreshold = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public bool TryGet(string key, [NotNullWhen(true)] out AuthenticationOutcome? outcome)
    {
        if (_entries.TryGetValue(key, out var entry) && entry.ExpiresAt > clock.GetUtcNow())
        {
            outcome = entry.Outcome;
            return true;
        }

        outcome = null;
        return false;
    }

    /// <summary>Forgets a lookup whose answer is known to have changed (a session just signed out).</summary>
    public void Remove(string key) => _entries.TryRemove(key, out _);

    public void Set(string key, AuthenticationOutcome outcome)
    {
        var now = clock.GetUtcNow();
        _entries[key] = new Entry(outcome, now + Lifetime);
        if (_entries.Count > SweepThreshold)
        {
            foreach (var (expiredKey, expired) in _entries)
            {
                if (expired.ExpiresAt <= now)
                {
                    _entries.TryRemove(new KeyValuePair<string, Entry>(expiredKey, expired));
                }
            }
        }
    }

    private sealed record Entry(AuthenticationOutcome Outcome, DateTimeOffset ExpiresAt);
}
