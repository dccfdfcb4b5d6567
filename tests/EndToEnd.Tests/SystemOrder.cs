using Xunit.Abstractions;
using Xunit.Sdk;

namespace BillingOne.EndToEnd.Tests;

/// <summary>
/// The systems in a fixed order, one at a time (<c>AssemblyInfo.cs</c>): the replicas system and the fault system
/// first, while the unit and integration projects still run beside this one (the fault tests mostly wait, for outages,
/// restarts and recovery, and leave the cores to them), then the lifecycle AppHosts, and the shared system last, whose
/// browser tests keep both cores busy on their own. In xunit's own order the shared system sometimes came second and
/// the fault tests last, on a machine by then two-fifths idle (docs/benchmarks.md, "Where the test suite's time goes").
/// </summary>
public sealed class SystemOrder : ITestCollectionOrderer
{
    private static readonly string[] First = [ReplicasSystemCollection.Name, FaultedSystemCollection.Name];

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(Rank).ThenBy(collection => collection.DisplayName, StringComparer.Ordinal);

    private static int Rank(ITestCollection collection) => collection.DisplayName switch
    {
        RunningSystemCollection.Name => First.Length + 1,
        var name when Array.IndexOf(First, name) is >= 0 and var index => index,
        _ => First.Length,
    };
}
