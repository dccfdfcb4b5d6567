using System.Xml.Linq;
using BillingOne.SystemDriver;

namespace BillingOne.Architecture.Tests;

/// <summary>Dependencies point one way: what ships (and the tools beside it) never builds on test code.</summary>
public sealed class ProjectReferenceTests
{
    private static readonly string[] ProductionDirectories = ["services", "gateway", "tools", "AppHost", "ServiceDefaults"];

    [Fact]
    public void No_production_project_references_a_project_under_tests()
    {
        var root = RepositoryRoot.Find();
        var tests = Path.Combine(root, "tests") + Path.DirectorySeparatorChar;
        var offending =
            from directory in ProductionDirectories
            from project in Directory.EnumerateFiles(Path.Combine(root, directory), "*.csproj", SearchOption.AllDirectories)
            from reference in XDocument.Load(project).Descendants("ProjectReference")
            let target = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(project)!,
                reference.Attribute("Include")!.Value.Replace('\\', Path.DirectorySeparatorChar)))
            where target.StartsWith(tests, StringComparison.Ordinal)
            select $"{Path.GetRelativePath(root, project)} → {Path.GetRelativePath(root, target)}";

        offending.ShouldBeEmpty("Move what both need out of tests/ (as tools/SystemDriver did for the bench)");
    }
}
