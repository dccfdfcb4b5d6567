namespace BillingOne.BuildingBlocks.Tests;

public sealed record ProbeHappened(Guid ProbeId, string Note);

public sealed record CounterIncremented(string Counter);

public sealed record MalformedArrived(Guid ProbeId);

/// <summary>A message no probe consumer takes: publishing it costs only the broker's confirm.</summary>
public sealed record ProbeUnheard(int Number, string Padding);
