namespace BillingOne.AppHost.Resources;

public enum ResourceKind
{
    /// <summary>A BillingOne project launched from its build output.</summary>
    Project,
    /// <summary>A plain process (used by tests and tools).</summary>
    Process,
    /// <summary>A PostgreSQL or RabbitMQ server the AppHost started for this run.</summary>
    PrivateServer,
    /// <summary>A server given by connection string; the AppHost neither starts nor stops it.</summary>
    ExternalServer,
}

/// <summary>What the dashboard shows about one resource at one moment.</summary>
public sealed record ResourceSnapshot(
    string Name,
    ResourceKind Kind,
    ResourceState State,
    int? ProcessId,
    DateTimeOffset? StartedAt,
    TimeSpan? Uptime,
    int Restarts,
    int? LastExitCode,
    string? HealthDetail,
    IReadOnlyList<Uri> Urls);
