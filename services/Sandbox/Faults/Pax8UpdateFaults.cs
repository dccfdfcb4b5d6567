namespace BillingOne.Sandbox.Faults;

/// <summary>
/// Pax8 subscriptions whose updates fail with 503, set by a test or a demo through <c>/sandbox/faults</c>, so a
/// vendor outage can hit one row of a bulk change and not the others. Reads are unaffected.
/// </summary>
public sealed class Pax8UpdateFaults
{
    private readonly Lock gate = new();
    private readonly HashSet<Guid> failing = [];

    public bool Fails(Guid subscriptionId)
    {
        lock (gate)
        {
            return failing.Contains(subscriptionId);
        }
    }

    public void Set(Guid subscriptionId, bool fail)
    {
        lock (gate)
        {
            if (fail)
            {
                failing.Add(subscriptionId);
            }
            else
            {
                failing.Remove(subscriptionId);
            }
        }
    }
}
