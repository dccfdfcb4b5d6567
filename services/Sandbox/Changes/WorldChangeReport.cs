namespace BillingOne.Sandbox.Changes;

/// <summary>What one or more change steps did, by vendor id; the answer of <c>POST /sandbox/changes</c>.</summary>
/// <param name="Step">The step the world is at afterwards.</param>
public sealed record WorldChangeReport(int Step, Pax8Changes Pax8, RmmChanges Rmm)
{
    /// <summary>
    /// Several steps as one: lists joined in step order, and a subscription whose quantity changed more than once reported
    /// once from its first to its last quantity (left out when it came back to where it started).
    /// </summary>
    public static WorldChangeReport Merge(IReadOnlyList<WorldChangeReport> reports)
    {
        if (reports.Count == 1)
        {
            return reports[0];
        }
        var quantities = new List<QuantityChange>();
        foreach (var change in reports.SelectMany(report => report.Pax8.QuantityChanged))
        {
            var earlier = quantities.FindIndex(known => known.Id == change.Id);
            if (earlier < 0)
            {
                quantities.Add(change);
            }
            else
            {
                quantities[earlier] = quantities[earlier] with { To = change.To };
            }
        }
        quantities.RemoveAll(change => change.From == change.To);
        return new WorldChangeReport(
            reports[^1].Step,
            new Pax8Changes(
                [.. reports.SelectMany(report => report.Pax8.SubscriptionsAdded)],
                [.. reports.SelectMany(report => report.Pax8.SubscriptionsCancelled)],
                quantities),
            new RmmChanges(
                [.. reports.SelectMany(report => report.Rmm.DevicesAdded)],
                [.. reports.SelectMany(report => report.Rmm.DevicesRetired)]));
    }
}

public sealed record Pax8Changes(
    IReadOnlyList<Guid> SubscriptionsAdded,
    IReadOnlyList<Guid> SubscriptionsCancelled,
    IReadOnlyList<QuantityChange> QuantityChanged);

public sealed record QuantityChange(Guid Id, int From, int To);

/// <param name="DevicesAdded">Device ids as NinjaOne lists them (Datto's <c>id</c> is the same number).</param>
public sealed record RmmChanges(IReadOnlyList<int> DevicesAdded, IReadOnlyList<int> DevicesRetired);
