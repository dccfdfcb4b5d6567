using BillingOne.AppHost.Supervision;

namespace BillingOne.AppHost.Resources;

/// <summary>Anything the dashboard lists: a supervised process or a server.</summary>
public interface IResource
{
    string Name { get; }

    /// <summary>Recent console output (processes) or start/stop messages (servers).</summary>
    RingBuffer<LogLine> Output { get; }

    ResourceSnapshot Snapshot();
}
