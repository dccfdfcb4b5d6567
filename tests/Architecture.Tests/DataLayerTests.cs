using BillingOne.Architecture.Tests.Samples.Data;

namespace BillingOne.Architecture.Tests;

/// <summary>
/// A service's <c>Data/</c> holds SQL and row mapping; the flows that decide what to store and announce live in
/// <c>Application/</c> and call the stores, never the other way round.
/// </summary>
public sealed class DataLayerTests
{
    private static readonly string[] Services =
        ["Identity", "Ingestion", "Invoice", "Metering", "Projection", "Reconciliation", "Sandbox", "Subscription"];

    /// <summary>
    /// Stores that still run a flow inside their own transaction, until the flow moves to Application/. A type listed
    /// here that no longer does fails the test, so the list only shrinks.
    /// </summary>
    private static readonly string[] KnownFlowsInData =
    [
        "BillingOne.Reconciliation.Data.DeviceSnapshotStore uses BillingOne.Reconciliation.Application.ClientReconciler",
        "BillingOne.Reconciliation.Data.MissedBillingStore uses BillingOne.Reconciliation.Application.ClientReconciler",
    ];

    [Fact]
    public void Data_types_do_not_call_into_the_application_layer()
    {
        var found = Services
            .SelectMany(service => TypeDependencies.TypesIn(
                Path.Combine(AppContext.BaseDirectory, $"BillingOne.{service}.dll"), ns => HasSegment(ns, "Data")))
            .Select(type => (type.FullName, TypeDependencies.Of(type)))
            .ToList();
        found.Count.ShouldBeGreaterThan(50);
        var violations = Violations(found).ToList();

        violations.Except(KnownFlowsInData).ShouldBeEmpty(
            "Put the flow in Application/ and let it call the store; the store keeps the SQL");
        KnownFlowsInData.Except(violations).ShouldBeEmpty("This store no longer runs a flow: take it off KnownFlowsInData");
    }

    [Fact]
    public void The_rule_finds_a_store_that_runs_an_application_flow()
    {
        var samples = TypeDependencies.TypesIn(typeof(FlowRunningStore).Assembly.Location,
                ns => ns == typeof(FlowRunningStore).Namespace)
            .Select(type => (type.FullName, TypeDependencies.Of(type)));

        Violations(samples).ShouldBe([
            $"{typeof(FlowRunningStore).FullName} uses {typeof(Samples.Application.SampleFlow).FullName}",
        ]);
    }

    /// <summary>Each Data/ type that uses an Application/ type.</summary>
    internal static IEnumerable<string> Violations(IEnumerable<(string Type, IReadOnlySet<string> Uses)> types) =>
        from type in types
        from used in type.Uses.Order(StringComparer.Ordinal)
        let ns = used[..Math.Max(0, used.LastIndexOf('.'))]
        where HasSegment(ns, "Application")
        select $"{type.Type} uses {used}";

    private static bool HasSegment(string ns, string segment) => ns.Split('.').Contains(segment, StringComparer.Ordinal);
}
