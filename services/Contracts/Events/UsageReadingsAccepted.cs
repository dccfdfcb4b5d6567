namespace BillingOne.Contracts.Events;

/// <summary>
/// Ingestion durably accepted a batch of usage readings (one message per ingest call, up to the ingest limit).
/// Every reading id appears in exactly one such message per organization; metering stores them idempotently by
/// reading id, so a redelivered message changes nothing.
/// </summary>
/// <param name="ClientScope">The client of the client-scoped API key that sent the batch; newly discovered
/// assets are assigned to it. Null for organization-wide keys.</param>
/// <param name="ActorId">The API key (or user) that sent the batch.</param>
public sealed record UsageReadingsAccepted(
    Guid OrgId,
    Guid BatchId,
    Guid? ClientScope,
    Guid ActorId,
    DateTimeOffset ReceivedAt,
    IReadOnlyList<AcceptedReading> Readings) : IIntegrationEvent
{
    /// <summary>The batch's envelope; each reading is checked where the batch is read (metering's ReadingBatch).</summary>
    public IReadOnlyList<string> Validate() => new EventProblems(nameof(UsageReadingsAccepted))
        .Require(OrgId != Guid.Empty && BatchId != Guid.Empty, "must carry an organization id and a batch id.")
        .Require(Readings is not null, $"{BatchId} has no list of readings.")
        .ToList();
}

/// <summary>
/// One validated reading in canonical form: text trimmed, quantity ≥ 0 with at most 6 decimal places,
/// <see cref="ObservedAt"/> in UTC with microsecond precision.
/// </summary>
public sealed record AcceptedReading(
    string Id,
    string AssetSource,
    string AssetExternalId,
    string UnitTypeKey,
    decimal Quantity,
    DateTimeOffset ObservedAt,
    string? Description);
