namespace BillingOne.BuildingBlocks.Http.Idempotency;

/// <summary>How long answers are kept and how much of them; configuration section <see cref="SectionName"/>.</summary>
public sealed class IdempotencyOptions
{
    public const string SectionName = "Idempotency";

    /// <summary>How long a key is remembered from its first request (Stripe keeps keys 24 hours).</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How long a reservation may stay in flight before another request with its key may take it over: a process
    /// that died mid-request never completes it, and its key must not answer 409 for the whole retention.
    /// </summary>
    public TimeSpan AbandonedAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Largest answer body kept for replay. A larger answer still reaches its caller, but the key is released, so a
    /// repeat runs again (every endpoint with such answers is idempotent by its own ids, e.g. readings).
    /// </summary>
    public int MaxStoredResponseBytes { get; set; } = 4 * 1024 * 1024;
}
