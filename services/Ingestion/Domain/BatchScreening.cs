namespace BillingOne.Ingestion.Domain;

/// <summary>
/// The pure part of one ingest call. Entries are added in the order received; each is rejected (unreadable or
/// invalid), suppressed, settled against an earlier entry with the same id, or becomes a candidate; once the caller
/// has refused the candidates outside a client-scoped key's client, <see cref="Complete"/> gives the answer.
/// </summary>
public sealed class BatchScreening(ReadingValidator validator, SuppressionMatcher suppressions, DateTimeOffset receivedAt)
{
    private readonly List<ReadingOutcome> _settled = [];
    private readonly List<CandidateReading> _candidates = [];
    private readonly Dictionary<string, CandidateReading> _firstById = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, int> _suppressedByRule = [];
    private readonly Dictionary<Guid, int> _unevaluatedByRule = [];
    private int _count;

    /// <summary>Outcomes decided while screening: rejected, suppressed, and repeats within this call.</summary>
    public IReadOnlyList<ReadingOutcome> Settled => _settled;

    /// <summary>First occurrence of each valid, unsuppressed id in this call.</summary>
    public IReadOnlyList<CandidateReading> Candidates => _candidates;

    /// <summary>How many readings each suppression rule dropped.</summary>
    public IReadOnlyDictionary<Guid, int> SuppressedByRule => _suppressedByRule;

    /// <summary>How many readings were rejected because a legacy regex rule could not be evaluated in time.</summary>
    public IReadOnlyDictionary<Guid, int> UnevaluatedByRule => _unevaluatedByRule;

    /// <exception cref="IngestBatchTooLargeException">More entries than the limit allows.</exception>
    public void Add(BatchEntry entry)
    {
        if (++_count > validator.Limits.MaxBatchSize)
        {
            throw new IngestBatchTooLargeException(validator.Limits.MaxBatchSize);
        }
        if (entry.Reading is null)
        {
            _settled.Add(new ReadingOutcome(entry.Position, entry.UnreadableId, ReadingStatus.Rejected, entry.Error));
            return;
        }
        var validation = validator.Validate(entry.Reading, receivedAt);
        if (validation.Reading is not { } reading)
        {
            _settled.Add(new ReadingOutcome(entry.Position, entry.Reading.Id, ReadingStatus.Rejected, validation.Error));
            return;
        }

        var match = suppressions.Match(reading);
        if (match.Rule is { } rule)
        {
            _suppressedByRule[rule.Id] = _suppressedByRule.GetValueOrDefault(rule.Id) + 1;
            _settled.Add(new ReadingOutcome(
                entry.Position, reading.Id, ReadingStatus.Suppressed, SuppressedReason(rule), rule));
            return;
        }
        if (match.Unevaluated is { } slowRule)
        {
            _unevaluatedByRule[slowRule.Id] = _unevaluatedByRule.GetValueOrDefault(slowRule.Id) + 1;
            _settled.Add(new ReadingOutcome(entry.Position, reading.Id, ReadingStatus.Rejected,
                $"Suppression rule '{slowRule.Pattern}' could not be evaluated in time, so the reading might be " +
                "suppressed and was not kept; send it again once an administrator has replaced the rule."));
            return;
        }

        if (_firstById.TryGetValue(reading.Id, out var first))
        {
            _settled.Add(first.Reading.ToAccepted().DifferencesFrom(reading.ToAccepted()).Count == 0
                ? new ReadingOutcome(entry.Position, reading.Id, ReadingStatus.Duplicate,
                    $"Same reading as position {first.Position} of this batch.")
                : new ReadingOutcome(entry.Position, reading.Id, ReadingStatus.Conflict,
                    $"Id already used at position {first.Position} of this batch with a different payload; that reading is kept."));
            return;
        }
        var candidate = new CandidateReading(entry.Position, reading);
        _firstById.Add(reading.Id, candidate);
        _candidates.Add(candidate);
    }

    /// <summary>
    /// Rejects the candidates whose asset is not the sending client-scoped key's to report on (another client's or
    /// the organization's unassigned asset): such a reading is never published.
    /// </summary>
    public void RefuseOutsideClientScope(IReadOnlySet<AssetKey> assetsOutsideScope)
    {
        if (assetsOutsideScope.Count == 0)
        {
            return;
        }
        _candidates.RemoveAll(candidate =>
        {
            var asset = AssetKey.Of(candidate.Reading);
            if (!assetsOutsideScope.Contains(asset))
            {
                return false;
            }
            _settled.Add(new ReadingOutcome(candidate.Position, candidate.Reading.Id, ReadingStatus.Rejected,
                $"Asset '{asset}' does not belong to this key's client; a client-scoped key may send readings only " +
                "for its own client's assets."));
            return true;
        });
    }

    /// <summary>
    /// The call's answer: every candidate accepted (repeats of earlier calls' ids are metering's to skip or report),
    /// the others as settled while screening.
    /// </summary>
    public IngestReport Complete()
    {
        // Every entry has exactly one outcome and positions run from 0, so each outcome goes straight to its place.
        var outcomes = new ReadingOutcome[_settled.Count + _candidates.Count];
        foreach (var settled in _settled)
        {
            outcomes[settled.Position] = settled;
        }
        var accepted = new List<UsageReading>(_candidates.Count);
        foreach (var (position, reading) in _candidates)
        {
            outcomes[position] = new ReadingOutcome(position, reading.Id, ReadingStatus.Accepted, null);
            accepted.Add(reading);
        }
        return new IngestReport(outcomes, accepted);
    }

    private static string SuppressedReason(SuppressionRule rule) =>
        rule.Reason is null
            ? $"Matched suppression rule '{rule.Pattern}'."
            : $"Matched suppression rule '{rule.Pattern}': {rule.Reason}";
}

/// <summary>The answer to an ingest call, and the readings to store.</summary>
public sealed record IngestReport(IReadOnlyList<ReadingOutcome> Outcomes, IReadOnlyList<UsageReading> Accepted)
{
    public int Count(ReadingStatus status) => Outcomes.Count(outcome => outcome.Status == status);
}
