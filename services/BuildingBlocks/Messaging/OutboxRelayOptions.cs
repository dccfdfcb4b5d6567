namespace BillingOne.BuildingBlocks.Messaging;

public sealed class OutboxRelayOptions
{
    public const string Section = "Messaging:Outbox";

    /// <summary>How often the relay looks for rows written by other instances of the service.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Rows published per transaction: the most the relay reads into memory at once.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>
    /// Payload bytes (UTF-8 JSON) read into memory per transaction at most; a single larger row is still read alone.
    /// A 5,000-reading batch is about 1 MB, so a page of large batches holds about 16 of them.
    /// </summary>
    public long MaxPageBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>How long one publish may wait for the broker's confirm before the batch is retried.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Longest pause between two attempts while the broker or the database is unreachable: once it is back, events
    /// wait at most this long to flow again.
    /// </summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Sent rows older than this are deleted (by the service's retention purge); unsent rows never are.</summary>
    public TimeSpan SentRetention { get; set; } = TimeSpan.FromDays(7);
}
