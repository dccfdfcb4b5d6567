using BillingOne.DemoSeeder.DemoData;
using BillingOne.DemoSeeder.Gateway;
using Microsoft.Extensions.Logging;

namespace BillingOne.DemoSeeder.Seeding;

/// <summary>What ingestion made of every reading sent.</summary>
public sealed record IngestTally(int Sent, int Accepted, int Duplicates, int Conflicts, int Suppressed, int Rejected,
    IReadOnlyList<string> RejectionReasons)
{
    public static readonly IngestTally Empty = new(0, 0, 0, 0, 0, 0, []);

    /// <summary>How many calls the readings took, retries of unknown unit types included.</summary>
    public int Calls { get; init; }

    public IngestTally Add(IngestTally other) => new(Sent + other.Sent, Accepted + other.Accepted,
        Duplicates + other.Duplicates, Conflicts + other.Conflicts, Suppressed + other.Suppressed,
        Rejected + other.Rejected, [.. RejectionReasons, .. other.RejectionReasons])
    { Calls = Calls + other.Calls };
}

/// <summary>
/// Sends readings in batches of at most <see cref="MaxBatchSize"/>. Ingestion learns unit types by event, so right
/// after a unit type is created its readings can be rejected as unknown: those (and only those) are sent again
/// until ingestion knows the key or <see cref="SeederTimings.UnitTypeSyncTimeout"/> has passed since the first call.
/// </summary>
public sealed partial class ReadingUploader(GatewayApi api, SeederTimings timings, TimeProvider timeProvider,
    ILogger logger)
{
    /// <summary>The most readings the ingestion API takes in one call.</summary>
    public const int MaxBatchSize = 10_000;

    /// <summary>Part of ingestion's rejection reason for a unit type key it does not know (yet).</summary>
    public const string UnknownUnitTypeReason = "not a known unit type";

    private const int KeptRejectionReasons = 5;

    private long? _firstCall;

    public async Task<IngestTally> UploadAsync(string ingestApiKey, IEnumerable<DemoReading> readings,
        CancellationToken cancellationToken)
    {
        var tally = IngestTally.Empty;
        foreach (var batch in readings.Chunk(MaxBatchSize))
        {
            tally = await SendAsync(ingestApiKey, batch, tally, cancellationToken);
        }
        return tally;
    }

    private async Task<IngestTally> SendAsync(string ingestApiKey, IReadOnlyList<DemoReading> batch, IngestTally tally,
        CancellationToken cancellationToken)
    {
        tally = tally with { Sent = tally.Sent + batch.Count };
        _firstCall ??= timeProvider.GetTimestamp();
        var pending = batch;
        while (true)
        {
            var answer = await api.IngestAsync(ingestApiKey, pending, cancellationToken);
            var waiting = new List<DemoReading>();
            var rejectionReasons = tally.RejectionReasons.ToList();
            foreach (var outcome in answer.Outcomes.Where(outcome => outcome.Status == "rejected"))
            {
                if (outcome.Reason?.Contains(UnknownUnitTypeReason, StringComparison.Ordinal) == true)
                {
                    waiting.Add(pending[outcome.Position]);
                }
                else if (rejectionReasons.Count < KeptRejectionReasons)
                {
                    rejectionReasons.Add($"{outcome.Id}: {outcome.Reason}");
                }
            }
            tally = tally with
            {
                Accepted = tally.Accepted + answer.Accepted,
                Duplicates = tally.Duplicates + answer.Duplicates,
                Conflicts = tally.Conflicts + answer.Conflicts,
                Suppressed = tally.Suppressed + answer.Suppressed,
                Rejected = tally.Rejected + answer.Rejected - waiting.Count,
                RejectionReasons = rejectionReasons,
                Calls = tally.Calls + 1,
            };
            if (waiting.Count == 0)
            {
                return tally;
            }
            if (timeProvider.GetElapsedTime(_firstCall.Value) >= timings.UnitTypeSyncTimeout)
            {
                var keys = string.Join(", ", waiting.Select(reading => reading.UnitTypeKey).Distinct());
                throw new SeedingFailedException(
                    $"Ingestion still does not know the unit types {keys} after {timings.UnitTypeSyncTimeout:g}: " +
                    $"{waiting.Count} readings were not ingested. Is the metering service publishing UnitTypeChanged?");
            }
            LogWaitingForUnitTypes(waiting.Count);
            await Task.Delay(timings.PollInterval, timeProvider, cancellationToken);
            pending = waiting;
        }
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Information,
        Message = "{Count} readings rejected for a unit type ingestion does not know yet: sending them again shortly")]
    private partial void LogWaitingForUnitTypes(int count);
}
