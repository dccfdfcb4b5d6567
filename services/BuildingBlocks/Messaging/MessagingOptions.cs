namespace BillingOne.BuildingBlocks.Messaging;

public sealed class MessagingOptions
{
    public const string Section = "Messaging";

    /// <summary>Quorum queues for clustered RabbitMQ (deploy); classic durable queues locally.</summary>
    public bool QuorumQueues { get; set; }

    /// <summary>Redeliveries after the first failure before a message goes to its <c>_error</c> queue.</summary>
    public int RetryLimit { get; set; } = 5;
}
