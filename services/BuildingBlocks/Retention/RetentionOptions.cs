namespace BillingOne.BuildingBlocks.Retention;

/// <summary>
/// How the purge of expired rows runs and how long the inbox remembers messages (sent outbox rows: <c>Messaging:Outbox:SentRetention</c>; idempotency keys: <c>Idempotency:Retention</c>); configuration section <see cref="Section"/>.
/// Each window is longer than the guarantee it serves needs (docs/architecture.md, "Bounded storage").
/// </summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>Whether the purge runs at all in this process.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The wait between purge passes.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Rows deleted per statement: each batch is its own short transaction.</summary>
    public int BatchSize { get; set; } = 5_000;

    /// <summary>
    /// How long a consumer remembers a message it applied. A redelivery comes within minutes (broker retry, relay
    /// replay after a crash); two weeks also covers a service that stays down for days with published but unstamped
    /// outbox rows.
    /// </summary>
    public TimeSpan Inbox { get; set; } = TimeSpan.FromDays(14);
}
