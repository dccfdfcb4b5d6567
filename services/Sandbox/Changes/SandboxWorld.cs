using BillingOne.Sandbox.Domain;
using BillingOne.Sandbox.Pax8;

namespace BillingOne.Sandbox.Changes;

/// <summary>Everything the vendor APIs serve at one step of the world's history; never changed once built.</summary>
/// <param name="Step">0 for the generated world, then one more per applied change step.</param>
public sealed record WorldSnapshot(int Step, DemoDataSet Rmm, Pax8DemoData Pax8);

/// <summary>
/// The world the sandbox currently serves. Each change step builds a whole new <see cref="WorldSnapshot"/> and swaps
/// it in with one reference write, so a request that reads <see cref="Current"/> once sees one step, never half of one.
/// </summary>
public sealed class SandboxWorld(int seed, WorldSnapshot initial, TimeSpan stepDuration)
{
    private readonly Lock gate = new();
    private volatile WorldSnapshot current = initial;
    private WorldSnapshot generated = initial;
    private WorldAdditions additions = WorldAdditions.None;
    private Dictionary<Guid, Pax8QuantityChange> pax8Quantities = [];

    public WorldSnapshot Current => current;

    public int Seed => seed;

    /// <summary>Applies the next <paramref name="steps"/> steps; steps are serialised so none is computed twice.</summary>
    public WorldChangeReport Advance(int steps)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(steps);
        lock (gate)
        {
            var world = generated;
            var reports = new List<WorldChangeReport>(steps);
            for (var step = 0; step < steps; step++)
            {
                var (next, report) = WorldChangeStep.Apply(seed, world, stepDuration);
                world = next;
                reports.Add(report);
            }
            generated = world;
            current = WithQuantityChanges(additions.AddTo(world));
            return WorldChangeReport.Merge(reports);
        }
    }

    /// <summary>Adds the accounts of a valid request, dated at the current step; later steps leave them as they are.</summary>
    public WorldAdditionResult Add(WorldAdditionRequest request)
    {
        lock (gate)
        {
            var (next, added) = additions.With(request, TimeOf(generated));
            additions = next;
            current = WithQuantityChanges(next.AddTo(generated));
            return added;
        }
    }

    /// <summary>
    /// Sets a Pax8 subscription's quantity, as <c>PUT /v1/subscriptions/{id}</c> does; the change stays through later
    /// steps (the generated history knows nothing of it). Null when the subscription does not exist now.
    /// </summary>
    public Pax8Subscription? ChangePax8Quantity(Guid subscriptionId, int quantity)
    {
        lock (gate)
        {
            if (current.Pax8.Subscriptions.All(subscription => subscription.Id != subscriptionId))
            {
                return null;
            }
            pax8Quantities = new Dictionary<Guid, Pax8QuantityChange>(pax8Quantities)
            {
                [subscriptionId] = new Pax8QuantityChange(quantity, TimeOf(generated)),
            };
            current = WithQuantityChanges(additions.AddTo(generated));
            return current.Pax8.Subscriptions.First(subscription => subscription.Id == subscriptionId);
        }
    }

    private WorldSnapshot WithQuantityChanges(WorldSnapshot world) => pax8Quantities.Count == 0
        ? world
        : world with
        {
            Pax8 = world.Pax8 with
            {
                Subscriptions = [.. world.Pax8.Subscriptions.Select(subscription =>
                    pax8Quantities.TryGetValue(subscription.Id, out var change)
                        ? subscription with { Quantity = change.Quantity, UpdatedDate = change.At }
                        : subscription)],
            },
        };

    private sealed record Pax8QuantityChange(int Quantity, DateTimeOffset At);

    /// <summary>When the snapshot's step happened in the world's own time.</summary>
    public DateTimeOffset TimeOf(WorldSnapshot snapshot) => TimeOf(snapshot.Rmm, snapshot.Step, stepDuration);

    /// <summary>A pure function of the step number, not of the clock, so the same steps always give the same dates.</summary>
    public static DateTimeOffset TimeOf(DemoDataSet rmm, int step, TimeSpan stepDuration) => rmm.Anchor + stepDuration * step;
}
