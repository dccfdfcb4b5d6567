using Xunit.Abstractions;
using Xunit.Sdk;

namespace BillingOne.Subscription.Tests.Sync;

/// <summary>The step of a scenario a test is: tests of a class that builds on earlier ones run by this number.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class OrderAttribute(int step) : Attribute
{
    public int Step { get; } = step;
}

/// <summary>Runs a class's tests by their <see cref="OrderAttribute"/>, for scenarios whose steps build on each other.</summary>
public sealed class DeclarationOrderer : ITestCaseOrderer
{
    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases) where TTestCase : ITestCase =>
        testCases.OrderBy(testCase => testCase.TestMethod.Method
            .GetCustomAttributes(typeof(OrderAttribute).AssemblyQualifiedName!)
            .Select(attribute => attribute.GetNamedArgument<int>(nameof(OrderAttribute.Step)))
            .DefaultIfEmpty(int.MaxValue).First());
}
