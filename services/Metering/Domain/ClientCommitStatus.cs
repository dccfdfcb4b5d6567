namespace BillingOne.Metering.Domain;

/// <summary>A client's position on the Over/Under screen, from all of its buckets in a period.</summary>
public enum ClientCommitStatus
{
    /// <summary>No bucket over or under its commit (also a client with no buckets).</summary>
    OnCommit,

    /// <summary>At least one bucket over commit and none under.</summary>
    OverCommit,

    /// <summary>At least one bucket under commit and none over.</summary>
    UnderCommit,

    /// <summary>Both over and under buckets: an upsell and a retention conversation at once.</summary>
    Mixed,
}

public static class OverUnderClassification
{
    public static ClientCommitStatus Classify(IEnumerable<CommitStatus> bucketStatuses)
    {
        ArgumentNullException.ThrowIfNull(bucketStatuses);
        var statuses = bucketStatuses.ToHashSet();
        var over = statuses.Contains(CommitStatus.OverCommit);
        var under = statuses.Contains(CommitStatus.UnderCommit);
        return (over, under) switch
        {
            (true, true) => ClientCommitStatus.Mixed,
            (true, false) => ClientCommitStatus.OverCommit,
            (false, true) => ClientCommitStatus.UnderCommit,
            (false, false) => ClientCommitStatus.OnCommit,
        };
    }
}
