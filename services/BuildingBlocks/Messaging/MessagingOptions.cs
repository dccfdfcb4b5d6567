namespace BillingOne.BuildingBlocks.Messaging;

public sealed class MessagingOptions
{
    public const string Section = "Messaging";

    /// <summary>Quorum queues for clustered RabbitMQ (deploy); classic durable queues locally.</summary>
    public bool QuorumQueues { get; set; }

    /// <summary>Redeliveries after the first failure before a message goes to its <c>_error</c> queue.</summary>
    public int RetryLimit { get; set; } = 5;

    /// <summary>
    /// The first pause before a message that met an outage is tried again; each later pause grows by twice this
    /// (0.5, 1.5, 3.5, 7.5 s by default) up to <see cref="ConsumerRetryPolicy.MaxOutageInterval"/>.
    /// </summary>
    public TimeSpan OutageRetryInterval { get; set; } = TimeSpan.FromMilliseconds(500);
}
