using BillingOne.SystemDriver;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace BillingOne.Architecture.Tests;

/// <summary>
/// scripts/test.sh runs one tier with <c>--filter Category=…</c>: a test class without a tier would silently run in
/// none of them. The check reads the sources rather than the built test assemblies so that it sees every test
/// project, including ones this project does not reference.
/// </summary>
public sealed class TestTierTests
{
    private static readonly string[] Tiers = ["Unit", "Integration", "EndToEnd", "Browser", "Reliability"];

    /// <summary>xunit's, and the whole-system tests' own that carry a timeout (EndToEnd.Tests/SystemTestAttributes.cs).</summary>
    private static readonly string[] TestAttributes = ["Fact", "Theory", "SystemFact", "SystemTheory"];

    [Fact]
    public void Every_test_class_carries_exactly_one_known_tier()
    {
        var problems = new List<string>();
        var testsDirectory = Path.Combine(RepositoryRoot.Find(), "tests");
        foreach (var project in Directory.EnumerateDirectories(testsDirectory, "*.Tests"))
        {
            var sources = SourceFiles(project)
                .Select(path => (Path: Path.GetRelativePath(testsDirectory, path), Root: Parse(path)))
                .ToList();
            var assemblyTiers = sources
                .SelectMany(source => source.Root.AttributeLists)
                .Where(list => list.Target?.Identifier.IsKind(SyntaxKind.AssemblyKeyword) == true)
                .SelectMany(list => list.Attributes)
                .Select(attribute => CategoryOf(attribute, "AssemblyTrait"))
                .OfType<string>()
                .ToList();

            // Partial classes count once, with the attributes of all their parts.
            var testClasses = sources
                .SelectMany(source => source.Root.DescendantNodes().OfType<ClassDeclarationSyntax>()
                    .Select(declaration => (source.Path, Declaration: declaration)))
                .GroupBy(part => QualifiedName(part.Declaration))
                .Where(parts => parts.Any(part => DeclaresTests(part.Declaration)));
            foreach (var parts in testClasses)
            {
                var tiers = assemblyTiers.Concat(parts
                        .SelectMany(part => part.Declaration.AttributeLists.SelectMany(list => list.Attributes))
                        .Select(attribute => CategoryOf(attribute, "Trait"))
                        .OfType<string>())
                    .ToList();
                if (tiers.Count != 1 || !Tiers.Contains(tiers[0]))
                {
                    problems.Add($"{parts.First().Path}: {parts.Key} has tier(s) [{string.Join(", ", tiers)}]");
                }
            }
        }

        problems.ShouldBeEmpty(
            $"Give each test class one [Trait(\"Category\", \"…\")] with one of {string.Join(", ", Tiers)} (or its " +
            "project one [assembly: AssemblyTrait(\"Category\", \"…\")] when all its tests share a tier)");
    }

    /// <summary>
    /// A hung whole-system test must fail within its timeout, not hold the run until the hang collector's much longer
    /// bound: xunit enforces a timeout only on a test that returns a task, in an assembly that runs one test at a time.
    /// </summary>
    [Fact]
    public void Every_whole_system_test_has_a_timeout_and_returns_a_task()
    {
        var project = Path.Combine(RepositoryRoot.Find(), "tests", "EndToEnd.Tests");
        var problems = SourceFiles(project)
            .SelectMany(path => Parse(path).DescendantNodes().OfType<MethodDeclarationSyntax>()
                .Select(method => (Path: Path.GetFileName(path), Method: method,
                    Attributes: method.AttributeLists.SelectMany(list => list.Attributes).Select(ShortName).ToList())))
            .Where(test => test.Attributes.Any(TestAttributes.Contains))
            .Where(test => test.Attributes.Contains("Fact") || test.Attributes.Contains("Theory")
                           || test.Method.ReturnType.ToString() != "Task")
            .Select(test => $"{test.Path}: {test.Method.Identifier.ValueText}")
            .ToList();

        problems.ShouldBeEmpty("Mark whole-system tests [SystemFact] or [SystemTheory] and let them return Task");
    }

    private static IEnumerable<string> SourceFiles(string project) =>
        Directory.EnumerateFiles(project, "*.cs", SearchOption.AllDirectories)
            .Where(path => !Path.GetRelativePath(project, path).Split(Path.DirectorySeparatorChar)
                .Any(part => part is "bin" or "obj"));

    private static CompilationUnitSyntax Parse(string path) =>
        CSharpSyntaxTree.ParseText(File.ReadAllText(path), new CSharpParseOptions(LanguageVersion.Preview))
            .GetCompilationUnitRoot();

    private static bool DeclaresTests(ClassDeclarationSyntax declaration) =>
        declaration.Members.OfType<MethodDeclarationSyntax>()
            .SelectMany(method => method.AttributeLists.SelectMany(list => list.Attributes))
            .Any(attribute => TestAttributes.Contains(ShortName(attribute)));

    /// <summary>The value of a <c>("Category", value)</c> trait attribute named <paramref name="name"/>, else null.</summary>
    private static string? CategoryOf(AttributeSyntax attribute, string name) =>
        ShortName(attribute) == name
        && attribute.ArgumentList?.Arguments is [{ Expression: LiteralExpressionSyntax key }, { Expression: LiteralExpressionSyntax value }]
        && key.Token.ValueText == "Category"
            ? value.Token.ValueText
            : null;

    private static string ShortName(AttributeSyntax attribute)
    {
        var name = attribute.Name switch
        {
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => attribute.Name.ToString(),
        };
        return name.EndsWith("Attribute", StringComparison.Ordinal) ? name[..^"Attribute".Length] : name;
    }

    private static string QualifiedName(ClassDeclarationSyntax declaration) =>
        string.Join('.', declaration.AncestorsAndSelf()
            .Select(node => node switch
            {
                BaseNamespaceDeclarationSyntax ns => ns.Name.ToString(),
                TypeDeclarationSyntax type => type.Identifier.ValueText,
                _ => null,
            })
            .OfType<string>()
            .Reverse());
}
