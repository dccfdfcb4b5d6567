namespace BillingOne.Identity.Domain;

/// <summary>
/// Password guessing protection per account: after <see cref="MaxConsecutiveFailures"/> wrong passwords in a row
/// the account refuses every sign-in for <see cref="Duration"/>, even with the right password. A success resets
/// the count; so does a lockout, so the account gets the same number of tries after it ends.
/// </summary>
public static class SignInLockout
{
    public const int MaxConsecutiveFailures = 5;

    public static readonly TimeSpan Duration = TimeSpan.FromMinutes(15);

    /// <summary>How long the account stays locked, or null when it is not locked at <paramref name="now"/>.</summary>
    public static TimeSpan? Remaining(DateTimeOffset? lockedUntil, DateTimeOffset now) =>
        lockedUntil > now ? lockedUntil.Value - now : null;

    /// <summary>The failure count and lock to store after one more wrong password.</summary>
    public static (int FailedSignIns, DateTimeOffset? LockedUntil) AfterFailure(int failedSignIns, DateTimeOffset now)
    {
        var failures = failedSignIns + 1;
        return failures >= MaxConsecutiveFailures ? (0, now + Duration) : (failures, null);
    }

    /// <summary>Whole seconds for a Retry-After header, rounded up so a client never retries too early.</summary>
    public static long RetryAfterSeconds(TimeSpan remaining) => Math.Max(1, (long)Math.Ceiling(remaining.TotalSeconds));
}
