using BillingOne.AppHost.Supervision;

namespace BillingOne.AppHost.Resources;

/// <summary>
/// PostgreSQL or RabbitMQ as the dashboard sees it. The AppHost does not supervise the server process itself
/// (the server manages its own processes); it records whether starting it worked and where it listens.
/// </summary>
public sealed class ServerResource(string name, ResourceKind kind, int logCapacity, TimeProvider? time = null) : IResource
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Lock _gate = new();
    private ResourceState _state = ResourceState.Starting;
    private DateTimeOffset? _startedAt;
    private string? _detail;
    private IReadOnlyList<Uri> _urls = [];

    public string Name { get; } = name;

    public RingBuffer<LogLine> Output { get; } = new(logCapacity);

    public void MarkRunning(string detail, IReadOnlyList<Uri> urls)
    {
        lock (_gate)
        {
            _state = ResourceState.Running;
            _startedAt = _time.GetUtcNow();
            _detail = detail;
            _urls = urls;
        }
        Output.Add(LogLine.Create(_time.GetUtcNow(), LogStream.AppHost, detail));
    }

    public void MarkFailed(string detail)
    {
        lock (_gate)
        {
            _state = ResourceState.Crashed;
            _detail = detail;
        }
        Output.Add(LogLine.Create(_time.GetUtcNow(), LogStream.AppHost, detail));
    }

    public void MarkStopped()
    {
        lock (_gate)
        {
            _state = ResourceState.Stopped;
            _startedAt = null;
        }
        Output.Add(LogLine.Create(_time.GetUtcNow(), LogStream.AppHost, "stopped"));
    }

    public ResourceSnapshot Snapshot()
    {
        lock (_gate)
        {
            return new ResourceSnapshot(
                Name, kind, _state, ProcessId: null, _startedAt,
                _startedAt is { } started ? _time.GetUtcNow() - started : null,
                Restarts: 0, LastExitCode: null, _detail, _urls);
        }
    }
}
