using System.Text.RegularExpressions;
using BillingOne.SystemDriver;

namespace BillingOne.Architecture.Tests;

/// <summary>
/// A migration's number says where it runs among its service's scripts: two scripts of one service with the same
/// number leave their order to the rest of the name. A script renumbered after it shipped says its former name
/// (<c>-- Renamed from …</c>, read by <c>MigrationRenames</c>) so databases that journaled it do not run it again.
/// </summary>
public sealed partial class MigrationNumberingTests
{
    [Fact]
    public void Every_migration_number_is_used_once_per_service()
    {
        var root = RepositoryRoot.Find();
        var directories = new[] { "services", "tests" }
            .SelectMany(top => Directory.EnumerateDirectories(Path.Combine(root, top), "Migrations", SearchOption.AllDirectories))
            .Where(directory => !directory.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !directory.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        directories.Count.ShouldBeGreaterThan(8);

        var problems = directories
            .SelectMany(directory => Problems(Directory.EnumerateFiles(directory, "*.sql").Select(Path.GetFileName)!)
                .Select(problem => $"{Path.GetRelativePath(root, directory)}: {problem}"))
            .ToList();

        problems.ShouldBeEmpty("Give the newer script the next free number; renumber a shipped one with a "
            + "'-- Renamed from NNNN_old.sql' first line");
    }

    [Fact]
    public void The_rule_finds_a_number_used_twice_and_a_name_without_one()
    {
        Problems(["0001_clients.sql", "0002_directory.sql", "0002_vendor_accounts.sql", "0003_moves.sql", "extra.sql"])
            .ShouldBe([
                "0002 is used by 0002_directory.sql, 0002_vendor_accounts.sql",
                "extra.sql is not named NNNN_name.sql",
            ]);
        Problems(["0001_clients.sql", "0002_directory.sql", "0003_vendor_accounts.sql"]).ShouldBeEmpty();
    }

    /// <summary>What breaks the numbering among one service's script file names.</summary>
    internal static IEnumerable<string> Problems(IEnumerable<string> fileNames)
    {
        var names = fileNames.Order(StringComparer.Ordinal).ToList();
        var duplicates =
            from name in names
            let match = Numbered().Match(name)
            where match.Success
            group name by match.Groups["number"].Value into same
            where same.Count() > 1
            select $"{same.Key} is used by {string.Join(", ", same)}";
        var unnumbered = names.Where(name => !Numbered().IsMatch(name)).Select(name => $"{name} is not named NNNN_name.sql");
        return [.. duplicates, .. unnumbered];
    }

    [GeneratedRegex(@"^(?<number>\d{4})_[a-z0-9_]+\.sql$")]
    private static partial Regex Numbered();
}
