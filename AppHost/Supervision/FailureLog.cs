namespace BillingOne.AppHost.Supervision;

public enum FailureKind
{
    /// <summary>The process could not be launched at all.</summary>
    LaunchFailed,
    /// <summary>The process exited while it was meant to run.</summary>
    Crashed,
    /// <summary>The process runs but its health endpoint reports a problem or does not answer.</summary>
    HealthCheckFailed,
    /// <summary>A private server (PostgreSQL, RabbitMQ) or an external one could not be started or reached.</summary>
    InfrastructureFailed,
}

public sealed record FailureRecord(DateTimeOffset Timestamp, string Resource, FailureKind Kind, string Detail);

/// <summary>The recent failures of every resource, newest last, for the dashboard.</summary>
public sealed class FailureLog(int capacity = FailureLog.DefaultCapacity)
{
    public const int DefaultCapacity = 200;

    private readonly RingBuffer<FailureRecord> _records = new(capacity);

    public void Record(FailureRecord failure) => _records.Add(failure);

    public IReadOnlyList<FailureRecord> Latest(int maxItems = int.MaxValue) => _records.Latest(maxItems);
}
