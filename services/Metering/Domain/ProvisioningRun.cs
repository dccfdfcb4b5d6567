namespace BillingOne.Metering.Domain;

public enum ProvisioningTrigger
{
    /// <summary>The nightly schedule.</summary>
    Schedule,

    /// <summary>A person asked for it.</summary>
    Manual,
}

public enum ProvisioningRunStatus
{
    Running,
    Succeeded,
    Failed,
}

/// <summary>One auto-provisioning pass over an organization, with its progress so far.</summary>
/// <param name="RequestedBy">The user or key that asked for a manual run; null for the schedule.</param>
public sealed record ProvisioningRun(
    Guid OrgId,
    Guid Id,
    ProvisioningTrigger Trigger,
    ProvisioningRunStatus Status,
    int BucketsCreated,
    int AssetsBound,
    string? Error,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    Guid? RequestedBy);

/// <summary>The API and the database spell triggers and statuses in lower case.</summary>
public static class ProvisioningNames
{
    public static string ToApiName(this ProvisioningTrigger trigger) => trigger switch
    {
        ProvisioningTrigger.Schedule => "schedule",
        ProvisioningTrigger.Manual => "manual",
        _ => throw new ArgumentOutOfRangeException(nameof(trigger), trigger, "Unknown trigger."),
    };

    public static string ToApiName(this ProvisioningRunStatus status) => status switch
    {
        ProvisioningRunStatus.Running => "running",
        ProvisioningRunStatus.Succeeded => "succeeded",
        ProvisioningRunStatus.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown status."),
    };

    public static ProvisioningTrigger ParseTrigger(string name) => name switch
    {
        "schedule" => ProvisioningTrigger.Schedule,
        "manual" => ProvisioningTrigger.Manual,
        _ => throw new FormatException($"Unknown provisioning trigger '{name}'."),
    };

    public static ProvisioningRunStatus ParseStatus(string name) => name switch
    {
        "running" => ProvisioningRunStatus.Running,
        "succeeded" => ProvisioningRunStatus.Succeeded,
        "failed" => ProvisioningRunStatus.Failed,
        _ => throw new FormatException($"Unknown provisioning run status '{name}'."),
    };
}
