using BillingOne.Metering.Domain;

namespace BillingOne.Metering.Tests.Domain;

public class GlobPatternsTests
{
    [Theory]
    [InlineData("srv-*", "srv-%")]
    [InlineData("vm-??", "vm-__")]
    [InlineData("*", "%")]
    [InlineData("100%_done\\", "100\\%\\_done\\\\")]
    [InlineData("exact", "exact")]
    public void A_glob_becomes_a_like_pattern_that_matches_everything_else_literally(string glob, string like)
    {
        GlobPatterns.ToLikePattern(glob).ShouldBe(like);
    }
}
