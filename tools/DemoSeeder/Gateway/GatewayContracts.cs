namespace BillingOne.DemoSeeder.Gateway;

// The members of the gateway's JSON answers that the seeder reads; System.Text.Json ignores the others.

public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount);

public sealed record ClientInfo(Guid Id, string Name);

public sealed record SuppressionInfo(Guid Id, string Pattern, string Type, string Target);

public sealed record AssignmentRuleInfo(Guid Id, string Pattern, string Target, Guid ClientId, int AssignedAssets);

public sealed record ApiKeyInfo(Guid Id, string Name, bool Enabled, bool Revoked);

public sealed record CreatedApiKey(Guid Id, string Name, string Key);

public sealed record AssetInfo(Guid Id, string Source, string ExternalId, Guid? ClientId, bool Acknowledged);

public sealed record ProvisioningRunInfo(Guid Id, string Status, int BucketsCreated, int AssetsBound, string? Error)
{
    public bool IsRunning => Status == "running";
}

public sealed record IngestAnswer(
    int Accepted, int Duplicates, int Conflicts, int Rejected, int Suppressed, IReadOnlyList<ReadingOutcome> Outcomes);

public sealed record ReadingOutcome(int Position, string? Id, string Status, string? Reason);

/// <summary>
/// An application/problem+json body; <see cref="Errors"/> is set for validation problems, <see cref="RunId"/> for the
/// billing API's conflicts with a run of the period in progress.
/// </summary>
public sealed record Problem(string? Title, string? Detail, IReadOnlyDictionary<string, string[]>? Errors,
    Guid? RunId = null);

public sealed record BillingRunInfo(Guid Id, string Period, string Status, string? Error)
{
    public bool IsActive => Status is "queued" or "running";
}

/// <summary>
/// What asking to finalize a month did: finalized it now, found it final already, or found a run of it in progress
/// (<see cref="ActiveRunId"/>, to wait for before asking again).
/// </summary>
public sealed record PeriodFinalization(bool FinalizedNow, Guid? ActiveRunId);

public sealed record BillingPeriodInfo(string Period, int Adjustments, string Status)
{
    public bool IsFinal => Status == "final";
}

public sealed record SyncCounts(int Added, int Changed, int Removed);

/// <summary>A vendor sync run; <see cref="Breakdown"/> holds the counts per kind of item (companies, devices, …).</summary>
public sealed record SyncRunInfo(
    Guid Id,
    string Integration,
    string Status,
    int ItemsDone,
    int? ItemsTotal,
    int Added,
    int Changed,
    int Removed,
    IReadOnlyDictionary<string, SyncCounts>? Breakdown,
    string? Error,
    double? DurationSeconds)
{
    public bool IsActive => Status is "queued" or "running";
}

/// <summary>
/// What asking for a sync got: the run to follow (<see cref="AlreadyActive"/> when it was queued or running before),
/// or, without one, the reason none runs.
/// </summary>
public sealed record SyncStart(Guid? RunId, bool AlreadyActive, string? Refusal);

/// <summary>A vendor's accounts (Pax8 companies, RMM organizations) by how far they are mapped to clients.</summary>
public sealed record MappingCounts(int Total, int Mapped, int Unmapped, int WithSuggestions);

/// <summary>An integration a service offers under Settings → Integrations.</summary>
public sealed record IntegrationInfo(string Name);

public sealed record XeroTenantInfo(Guid Id, string Name);

/// <summary>The organization's Xero connection; <see cref="Tenants"/> to choose from while <c>choose-tenant</c>.</summary>
public sealed record XeroConnectionInfo(string Status, Guid? TenantId, string? TenantName,
    IReadOnlyList<XeroTenantInfo>? Tenants, string? Error)
{
    public bool IsConnected => Status == "connected";
}

public sealed record XeroConnectInfo(Uri AuthorizeUrl);
