namespace BillingOne.Contracts.Events;

/// <summary>
/// Ingestion durably accepted a batch of usage readings (one message per ingest call, up to the ingest limit). A reading
/// id may come again in later batches (the sender sent it again); metering keeps each id once per sender, skips a
/// repeat with the same payload and records one with another payload as an ingest exception, so a redelivered message
/// changes nothing either.
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
    string? Description)
{
    /// <summary>
    /// How long before its receipt a reading may have been observed, unless ingestion is configured otherwise
    /// (<c>Ingest:Retention</c>): longer than a year, so that late readings for last year's periods can still become
    /// adjustments. Metering keeps reading ids as long (its purge reads the same setting).
    /// </summary>
    public static readonly TimeSpan DefaultMaxAge = TimeSpan.FromDays(400);

    /// <summary>The payload fields by their API names, in the order <see cref="DifferencesFrom"/> lists them.</summary>
    public static readonly IReadOnlyList<string> PayloadFields =
        ["assetSource", "assetExternalId", "unitTypeKey", "quantity", "observedAt", "description"];

    /// <summary>
    /// The payload fields (everything but the id, by <see cref="PayloadFields"/> name) in which
    /// <paramref name="other"/> differs from this reading. None: the same reading sent again, a duplicate; any: a
    /// conflict (docs/domain.md, "Readings and assets"). Both readings are canonical, so 1.50 and 1.5 are one quantity
    /// and times compare to the microsecond.
    /// </summary>
    public IReadOnlyList<string> DifferencesFrom(AcceptedReading other)
    {
        ArgumentNullException.ThrowIfNull(other);
        bool[] differs =
        [
            !string.Equals(AssetSource, other.AssetSource, StringComparison.Ordinal),
            !string.Equals(AssetExternalId, other.AssetExternalId, StringComparison.Ordinal),
            !string.Equals(UnitTypeKey, other.UnitTypeKey, StringComparison.Ordinal),
            Quantity != other.Quantity,
            ObservedAt.UtcTicks != other.ObservedAt.UtcTicks,
            !string.Equals(Description, other.Description, StringComparison.Ordinal),
        ];
        return PayloadFields.Where((_, field) => differs[field]).ToList();
    }
}
