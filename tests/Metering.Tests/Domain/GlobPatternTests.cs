using BillingOne.Metering.Domain;

namespace BillingOne.Metering.Tests.Domain;

[Trait("Category", "Unit")]
public sealed class GlobPatternTests
{
    [Theory]
    [InlineData("srv-*", "srv-%")]
    [InlineData("srv-??", "srv-__")]
    [InlineData("*", "%")]
    [InlineData("exact", "exact")]
    [InlineData("*-db-*", "%-db-%")]
    public void Wildcards_become_like_wildcards(string glob, string like) =>
        GlobPattern.ToLikePattern(glob).ShouldBe(like);

    [Theory]
    [InlineData("100%", @"100\%")]
    [InlineData("srv_1", @"srv\_1")]
    [InlineData(@"dom\user", @"dom\\user")]
    [InlineData(@"a%_\*", @"a\%\_\\%")]
    [InlineData(@"100%_done\", @"100\%\_done\\")]
    public void Like_metacharacters_of_the_glob_match_only_themselves(string glob, string like) =>
        GlobPattern.ToLikePattern(glob).ShouldBe(like);

    [Fact]
    public void Other_characters_pass_unchanged()
    {
        const string glob = "Ünïcode [x] {y} (z) ^$.+|";

        GlobPattern.ToLikePattern(glob).ShouldBe(glob);
    }
}
