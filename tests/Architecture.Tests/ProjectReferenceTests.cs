using System.Xml.Linq;
using BillingOne.SystemDriver;

namespace BillingOne.Architecture.Tests;

/// <summary>
/// Dependencies point one way: what ships (and the tools beside it) never builds on test code; a service never builds
/// on another service (they talk through Contracts and the wire); a service's tests build on their service and the
/// shared support only.
/// </summary>
public sealed class ProjectReferenceTests
{
    private static readonly string[] ProductionDirectories = ["services", "gateway", "tools", "AppHost", "ServiceDefaults"];

    /// <summary>What every service and every service's tests may build on.</summary>
    private static readonly string[] Shared =
        ["BuildingBlocks", "BuildingBlocks.Security", "Contracts", "ServiceDefaults", "TestSupport"];

    /// <summary>Test projects that span the system by design, so they reference every service.</summary>
    private static readonly string[] SystemWideTests =
        ["Architecture.Tests", "Security.Tests", "EndToEnd.Tests", "AppHost.Tests", "TestSupport"];

    /// <summary>
    /// Crossings that exist today, each with the reason, until the test moves to a system-wide project. A crossing
    /// listed here that no longer exists fails the test, so the list only shrinks.
    /// </summary>
    private static readonly (string From, string To, string Why)[] KnownCrossings =
    [
        ("Projection.Tests", "Subscription", "ClientSliceTests runs subscription and projection side by side"),
        ("Reconciliation.Tests", "Sandbox", "the NinjaOne and Synergy connector tests read the sandbox's vendor APIs"),
    ];

    [Fact]
    public void No_production_project_references_a_project_under_tests()
    {
        var offending =
            from reference in References(ProductionDirectories)
            where reference.Target.StartsWith("tests/", StringComparison.Ordinal)
            select $"{reference.Project} → {reference.Target}";

        offending.ShouldBeEmpty("Move what both need out of tests/ (as tools/SystemDriver did for the bench)");
    }

    [Fact]
    public void The_hosting_library_references_no_project()
    {
        References(["tools/Hosting"]).Select(reference => reference.Target).ShouldBeEmpty(
            "tools/Hosting is the AppHost's infrastructure, not BillingOne's: pass what it needs in ServerOptions");
    }

    [Fact]
    public void No_service_references_another_service()
    {
        ServiceCrossings(References(["services", "gateway"])).ShouldBeEmpty(
            "Services meet through Contracts (events, gRPC) and HTTP; put shared code in BuildingBlocks");
    }

    [Fact]
    public void The_service_rule_finds_a_service_that_references_another()
    {
        ServiceCrossings([
            new("services/Projection/Projection.csproj", "services/Subscription/Subscription.csproj"),
            new("services/Projection/Projection.csproj", "services/Contracts/Contracts.csproj"),
            new("services/Projection/Projection.csproj", "services/BuildingBlocks/BuildingBlocks.csproj"),
            new("gateway/Gateway.csproj", "services/BuildingBlocks.Security/BuildingBlocks.Security.csproj"),
        ]).ShouldBe(["Projection → Subscription"]);
    }

    [Fact]
    public void A_services_tests_reference_only_their_service_and_the_shared_support()
    {
        var projects = References(["tests"]).ToList();
        var crossings = TestCrossings(projects).ToList();

        crossings.Except(KnownCrossings.Select(known => $"{known.From} → {known.To}"))
            .ShouldBeEmpty("Test another service through its API from a system-wide project (EndToEnd.Tests), not by reference");
        KnownCrossings.Select(known => $"{known.From} → {known.To}").Except(crossings)
            .ShouldBeEmpty("This crossing is gone: take it off KnownCrossings");
    }

    [Fact]
    public void The_test_rule_finds_a_services_tests_that_reference_another_service()
    {
        TestCrossings([
            new("tests/Identity.Tests/Identity.Tests.csproj", "services/Identity/Identity.csproj"),
            new("tests/Identity.Tests/Identity.Tests.csproj", "services/Subscription/Subscription.csproj"),
            new("tests/Identity.Tests/Identity.Tests.csproj", "tests/TestSupport/TestSupport.csproj"),
            new("tests/Security.Tests/Security.Tests.csproj", "services/Subscription/Subscription.csproj"),
            new("tests/Gateway.Tests/Gateway.Tests.csproj", "gateway/Gateway.csproj"),
        ]).ShouldBe(["Identity.Tests → Subscription"]);
    }

    /// <summary>Each service (a project under services/ or gateway/ that is not shared) referencing another.</summary>
    internal static IEnumerable<string> ServiceCrossings(IEnumerable<ProjectReference> references) =>
        from reference in references
        let source = NameOf(reference.Project)
        let target = NameOf(reference.Target)
        where !Shared.Contains(source) && !Shared.Contains(target)
            && !reference.Target.StartsWith("tests/", StringComparison.Ordinal)
        select $"{source} → {target}";

    /// <summary>Each test project of one service (<c>X.Tests</c>) referencing a project other than X or the shared support.</summary>
    internal static IEnumerable<string> TestCrossings(IEnumerable<ProjectReference> references) =>
        from reference in references
        let source = NameOf(reference.Project)
        where !SystemWideTests.Contains(source)
        let target = NameOf(reference.Target)
        where target + ".Tests" != source && !Shared.Contains(target)
        select $"{source} → {target}";

    /// <summary>Every project reference of the projects under <paramref name="directories"/>, as paths from the root.</summary>
    private static IEnumerable<ProjectReference> References(IEnumerable<string> directories)
    {
        var root = RepositoryRoot.Find();
        return
            from directory in directories
            from project in Directory.EnumerateFiles(Path.Combine(root, directory), "*.csproj", SearchOption.AllDirectories)
            from reference in XDocument.Load(project).Descendants("ProjectReference")
            let target = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(project)!,
                reference.Attribute("Include")!.Value.Replace('\\', Path.DirectorySeparatorChar)))
            select new ProjectReference(Relative(root, project), Relative(root, target));
    }

    private static string Relative(string root, string path) =>
        Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/');

    private static string NameOf(string projectPath) => Path.GetFileNameWithoutExtension(projectPath);

    /// <summary>One <c>ProjectReference</c>: the referencing project and its target, both relative to the repository.</summary>
    internal sealed record ProjectReference(string Project, string Target);
}
