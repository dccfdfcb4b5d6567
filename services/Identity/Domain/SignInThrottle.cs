namespace BillingOne.Identity.Domain;

/// <summary>
/// Slows password guessing without letting anyone lock a known user out. Wrong passwords are counted per
/// (email, source address): after <see cref="FreeFailuresPerSource"/> of them that source waits
/// <see cref="FirstDelay"/>, doubling with each further failure up to <see cref="MaxDelay"/>, while every other
/// source may still try. Once an email has collected <see cref="FailuresMeaningAttack"/> failures from all sources
/// (a guesser spread over many addresses), each source gets only <see cref="FreeFailuresPerSourceUnderAttack"/> free
/// failure — but a source that has not failed is never refused by its own count. The account itself then waits too
/// (<see cref="AccountDelay"/>): every source but the addresses the user signed in from in the last
/// <see cref="KnownSourceMemory"/>, which a guesser spread over many fresh addresses cannot dodge, while the owner
/// signing in from their own devices still gets in.
/// Failures older than <see cref="Memory"/> are forgotten.
/// </summary>
public static class SignInThrottle
{
    public const int FreeFailuresPerSource = 5;
    public const int FreeFailuresPerSourceUnderAttack = 1;
    public const int FailuresMeaningAttack = 20;

    /// <summary>The source row for failures over all sources of one email.</summary>
    public const string AllSources = "*";

    /// <summary>
    /// The source of attempts whose address is not known: they share one counter, so leaving the address out
    /// dodges nothing.
    /// </summary>
    public const string UnknownSource = "unknown";

    public static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan Memory = TimeSpan.FromHours(24);

    /// <summary>How long an address a user signed in from stays theirs, out of the account-wide delay's reach.</summary>
    public static readonly TimeSpan KnownSourceMemory = TimeSpan.FromDays(30);

    /// <summary>The key failures are counted under: the email as typed, trimmed and lower-cased.</summary>
    public static string Account(string email) => email.Trim().ToLowerInvariant();

    /// <summary>
    /// How long <paramref name="sourceFailures"/> failures (this one included) from one source make it wait, with
    /// <paramref name="accountFailures"/> failures on the email from all sources; null while it may still try.
    /// </summary>
    public static TimeSpan? Delay(int sourceFailures, int accountFailures)
    {
        var free = accountFailures >= FailuresMeaningAttack ? FreeFailuresPerSourceUnderAttack : FreeFailuresPerSource;
        if (sourceFailures < free)
        {
            return null;
        }

        return Doubled(sourceFailures - free);
    }

    /// <summary>
    /// How long every source but the user's own addresses waits after <paramref name="accountFailures"/>
    /// failures on the email from all sources (this one included); null while the account is not under attack.
    /// </summary>
    public static TimeSpan? AccountDelay(int accountFailures) =>
        accountFailures < FailuresMeaningAttack ? null : Doubled(accountFailures - FailuresMeaningAttack);

    /// <summary>
    /// Whether the failures on an account are worth telling its user about: more than a user's own few typos, or enough
    /// to hold the account back.
    /// </summary>
    public static bool WorthTelling(int accountFailures) => accountFailures >= FreeFailuresPerSource;

    /// <summary><see cref="FirstDelay"/> doubled <paramref name="doublings"/> times, up to <see cref="MaxDelay"/>.</summary>
    private static TimeSpan Doubled(int doublings)
    {
        // 2^6 * 30 s already passes the cap; the exponent is bounded so the arithmetic cannot overflow.
        var delay = FirstDelay * Math.Pow(2, Math.Min(doublings, 10));
        return delay < MaxDelay ? delay : MaxDelay;
    }

    /// <summary>The failures a counter still holds at <paramref name="now"/>: none once they are too old.</summary>
    public static int Remembered(int failures, DateTimeOffset lastFailureAt, DateTimeOffset now) =>
        now - lastFailureAt >= Memory ? 0 : failures;

    /// <summary>Whole seconds for a Retry-After header, rounded up so a client never retries too early.</summary>
    public static long RetryAfterSeconds(TimeSpan remaining) => Math.Max(1, (long)Math.Ceiling(remaining.TotalSeconds));
}
