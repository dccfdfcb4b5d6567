using BillingOne.Ingestion.Application;
using BillingOne.Ingestion.Domain;

namespace BillingOne.Ingestion.Apis;

/// <summary>
/// One usage reading as sent (documentation of the body: the endpoint reads it as a stream). <c>quantity</c> is a
/// JSON number or a numeric string; <c>observedAt</c> is ISO 8601 with an offset or Z. Property names may also be
/// snake_case (<c>asset_source</c>...).
/// </summary>
public sealed record ReadingRequest(
    string Id,
    string AssetSource,
    string AssetExternalId,
    string UnitTypeKey,
    decimal Quantity,
    DateTimeOffset ObservedAt,
    string? Description);

/// <summary>What happened to the reading at <c>position</c> (zero-based, in the order sent).</summary>
/// <param name="Status"><c>accepted</c>, <c>duplicate</c> or <c>conflict</c> (of a reading earlier in the call),
/// <c>rejected</c> or <c>suppressed</c>.</param>
/// <param name="Reason">Why it was not accepted; null for accepted readings.</param>
public sealed record ReadingOutcomeResponse(int Position, string? Id, string Status, string? Reason);

/// <summary>Which readings an ingest answer lists an outcome for.</summary>
public enum ListedOutcomes
{
    /// <summary>Every reading, in the order sent (the default).</summary>
    All,

    /// <summary>Only the readings not accepted: a position not listed was accepted.</summary>
    Exceptions,
}

/// <summary>
/// The answer to an ingest call. <c>batchId</c> identifies the accepted readings (null when none was accepted).
/// </summary>
public sealed record IngestResponse(
    Guid? BatchId,
    int Accepted,
    int Duplicates,
    int Conflicts,
    int Rejected,
    int Suppressed,
    IReadOnlyList<ReadingOutcomeResponse> Outcomes)
{
    public const string OutcomesError = "outcomes must be 'all' (the default) or 'exceptions'.";

    /// <summary>The <c>outcomes</c> query parameter: absent or <c>all</c>, or <c>exceptions</c>; null for anything else.</summary>
    public static ListedOutcomes? ParseOutcomes(string? value) => value?.ToLowerInvariant() switch
    {
        null or "all" => ListedOutcomes.All,
        "exceptions" => ListedOutcomes.Exceptions,
        _ => null,
    };

    /// <summary>The outcomes an answer lists, HTTP's and gRPC's alike: all, or only the readings not accepted.</summary>
    public static IReadOnlyList<ReadingOutcome> Listed(IngestReport report, ListedOutcomes listed) =>
        listed == ListedOutcomes.All
            ? report.Outcomes
            : report.Outcomes.Where(outcome => outcome.Status != ReadingStatus.Accepted).ToList();

    public static IngestResponse From(IngestedBatch batch, ListedOutcomes listed = ListedOutcomes.All)
    {
        var report = batch.Report;
        return new IngestResponse(
            batch.BatchId,
            report.Count(ReadingStatus.Accepted),
            report.Count(ReadingStatus.Duplicate),
            report.Count(ReadingStatus.Conflict),
            report.Count(ReadingStatus.Rejected),
            report.Count(ReadingStatus.Suppressed),
            Listed(report, listed)
                .Select(outcome => new ReadingOutcomeResponse(outcome.Position, outcome.ReadingId, outcome.Status.Name(),
                    outcome.Reason))
                .ToList());
    }
}
