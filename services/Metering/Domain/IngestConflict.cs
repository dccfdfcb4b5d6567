using BillingOne.Contracts.Events;

namespace BillingOne.Metering.Domain;

/// <summary>The reading stored under an id, as a repeat of that id is compared with it.</summary>
/// <param name="ClientId">The client of the reading's asset (null: unassigned).</param>
/// <param name="BatchId">The ingest call that brought it.</param>
public sealed record KeptReading(AcceptedReading Reading, Guid? ClientId, Guid BatchId, DateTimeOffset ReceivedAt);

/// <summary>
/// An ingest exception of kind conflict: a reading that repeated a stored reading's id with another payload, refused
/// after its ingest call was answered "accepted" (docs/domain.md, "Readings and assets"). The kept reading stays the
/// one stored and billed.
/// </summary>
/// <param name="SentBy">The API key (or user) that sent the refused reading.</param>
/// <param name="BatchId">The ingest call that carried the refused reading; <paramref name="ReceivedAt"/> its time.</param>
/// <param name="Differences">The payload fields that differ (<see cref="AcceptedReading.PayloadFields"/> names).</param>
public sealed record IngestConflict(
    Guid Id,
    string ReadingId,
    Guid? ClientId,
    Guid SentBy,
    Guid BatchId,
    DateTimeOffset ReceivedAt,
    DateTimeOffset DetectedAt,
    IReadOnlyList<string> Differences,
    AcceptedReading Kept,
    Guid KeptBatchId,
    DateTimeOffset KeptReceivedAt,
    AcceptedReading Sent)
{
    public const string Kind = "conflict";

    /// <summary>
    /// The conflict between <paramref name="kept"/> and <paramref name="sent"/>, a reading of
    /// <paramref name="message"/> with the same id; null when they are the same reading (a duplicate, never recorded).
    /// </summary>
    public static IngestConflict? Between(UsageReadingsAccepted message, KeptReading kept, AcceptedReading sent,
        DateTimeOffset detectedAt)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(kept);
        var differences = kept.Reading.DifferencesFrom(sent);
        return differences.Count == 0
            ? null
            : new IngestConflict(Guid.CreateVersion7(detectedAt), sent.Id, kept.ClientId, message.ActorId,
                message.BatchId, message.ReceivedAt, detectedAt, differences, kept.Reading, kept.BatchId,
                kept.ReceivedAt, sent);
    }
}
