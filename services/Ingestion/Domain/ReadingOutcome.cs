namespace BillingOne.Ingestion.Domain;

public enum ReadingStatus
{
    Accepted,
    Duplicate,
    Conflict,
    Rejected,
    Suppressed,
}

/// <summary>
/// What happened to the reading at <paramref name="Position"/> (zero-based, in the order sent).
/// <paramref name="ReadingId"/> is the id as sent, null when it was missing or the entry was unreadable.
/// </summary>
public sealed record ReadingOutcome(
    int Position,
    string? ReadingId,
    ReadingStatus Status,
    string? Reason,
    SuppressionRule? SuppressedBy = null);

/// <summary>A valid, unsuppressed reading that still has to be checked against the stored idempotency keys.</summary>
public sealed record CandidateReading(int Position, UsageReading Reading);
