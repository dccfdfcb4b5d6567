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
/// The names statuses go by in the HTTP answer and in metrics (<c>accepted</c>, <c>duplicate</c>...), fixed here so
/// that renaming an enum member cannot change what clients and dashboards see.
/// </summary>
public static class ReadingStatusNames
{
    public static string Name(this ReadingStatus status) => status switch
    {
        ReadingStatus.Accepted => "accepted",
        ReadingStatus.Duplicate => "duplicate",
        ReadingStatus.Conflict => "conflict",
        ReadingStatus.Rejected => "rejected",
        ReadingStatus.Suppressed => "suppressed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown reading status."),
    };
}

/// <summary>
/// What happened to the reading at <paramref name="Position"/> (zero-based, in the order sent).
/// <paramref name="ReadingId"/> is the id as sent, null when it was missing or could not be read.
/// </summary>
public sealed record ReadingOutcome(
    int Position,
    string? ReadingId,
    ReadingStatus Status,
    string? Reason,
    SuppressionRule? SuppressedBy = null);

/// <summary>A valid, unsuppressed reading, the first of its id in the call: accepted unless outside the key's client.</summary>
public sealed record CandidateReading(int Position, UsageReading Reading);
