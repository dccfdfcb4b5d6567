namespace BillingOne.Metering.Domain;

/// <summary>Where a bucket's usage sits against its commit.</summary>
public enum CommitStatus
{
    /// <summary>Usage exactly at the commit (including no usage on a zero commit).</summary>
    OnCommit,

    /// <summary>Usage above the commit: overage is billed.</summary>
    OverCommit,

    /// <summary>Usage below the commit: the client pays for unused buffer.</summary>
    UnderCommit,
}
