namespace BillingOne.BuildingBlocks.Tests;

public sealed record ProbeHappened(Guid ProbeId, string Note);

public sealed record CounterIncremented(string Counter);

public sealed record MalformedArrived(Guid ProbeId);
