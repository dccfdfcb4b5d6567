namespace BillingOne.Identity.Data;

public enum DirectoryWriteStatus
{
    Saved,
    /// <summary>The request asked for the state the record already had: nothing was written or audited.</summary>
    Unchanged,
    NotFound,
    /// <summary>The caller's organization has no directory entry (a token for an organization that does not exist).</summary>
    OrganizationNotFound,
    DuplicateEmail,
    OwnerRoleRequired,
    LastEnabledOwner,
    UnknownClient,
    KeyRevoked,
}

/// <summary>The outcome of a directory change; <see cref="Value"/> is set when it was saved or unchanged.</summary>
public sealed record DirectoryWriteResult<T>(DirectoryWriteStatus Status, T? Value = null) where T : class
{
    public static DirectoryWriteResult<T> Saved(T value) => new(DirectoryWriteStatus.Saved, value);

    public static DirectoryWriteResult<T> Unchanged(T value) => new(DirectoryWriteStatus.Unchanged, value);

    public static DirectoryWriteResult<T> Failed(DirectoryWriteStatus status) => new(status);
}
