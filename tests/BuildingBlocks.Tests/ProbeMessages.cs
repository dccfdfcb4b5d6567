using BillingOne.Contracts.Events;

namespace BillingOne.BuildingBlocks.Tests;

public sealed record ProbeHappened(Guid ProbeId, string Note);

/// <summary>An integration event as the services' are: it names a counter, or every consumer refuses it.</summary>
public sealed record CounterIncremented(string Counter) : IIntegrationEvent
{
    public IReadOnlyList<string> Validate() =>
        string.IsNullOrWhiteSpace(Counter) ? ["CounterIncremented names no counter."] : [];
}

public sealed record MalformedArrived(Guid ProbeId);

/// <summary>Its consumer meets an outage (a timeout reaching a server) for the first <paramref name="Outages"/> attempts.</summary>
public sealed record OutageMet(Guid ProbeId, int Outages);

/// <summary>Its consumer fails every time with a fault of its own, not an outage.</summary>
public sealed record FaultMet(Guid ProbeId);

/// <summary>A message no probe consumer takes: publishing it costs only the broker's confirm.</summary>
public sealed record ProbeUnheard(int Number, string Padding);
