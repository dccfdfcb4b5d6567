using Shouldly;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace BillingOne.EndToEnd.Tests;

[Trait("Category", "Unit")]
public sealed class SystemOrderTests
{
    [Fact]
    public void The_replicas_and_fault_systems_run_first_any_other_next_and_the_shared_system_last()
    {
        var assembly = new TestAssembly(new ReflectionAssemblyInfo(typeof(SystemOrder).Assembly));
        const string Lifecycle = "Test collection for BillingOne.EndToEnd.Tests.LifecycleTests";
        string[] declared = [RunningSystemCollection.Name, Lifecycle, FaultedSystemCollection.Name, ReplicasSystemCollection.Name];

        var ordered = new SystemOrder().OrderTestCollections(
            declared.Select(name => (ITestCollection)new TestCollection(assembly, null, name)));

        ordered.Select(collection => collection.DisplayName).ShouldBe(
            [ReplicasSystemCollection.Name, FaultedSystemCollection.Name, Lifecycle, RunningSystemCollection.Name]);
    }
}
