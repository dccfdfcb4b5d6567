using BillingOne.Ingestion.Domain;
using static BillingOne.Ingestion.Tests.Domain.Readings;

namespace BillingOne.Ingestion.Tests.Domain;

[Trait("Category", "Unit")]
public class SuppressionTests
{
    private static readonly DateTimeOffset Created = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static SuppressionRule Rule(
        string pattern, SuppressionPatternType type = SuppressionPatternType.Glob,
        SuppressionTarget target = SuppressionTarget.AssetId, DateTimeOffset? createdAt = null)
    {
        var rule = SuppressionRule.Create(
            Guid.NewGuid(), pattern, type, target, "test assets", createdAt ?? Created, out var error);
        error.ShouldBeNull();
        return rule!;
    }

    private static SuppressionMatch Match(SuppressionRule rule, RawReading raw) =>
        new SuppressionMatcher([rule]).Match(Valid(raw));

    [Theory]
    [InlineData("TEST-*", "test-server-01", true)]
    [InlineData("test-*", "prod-test-01", false)]
    [InlineData("*-lab-??", "host-lab-07", true)]
    [InlineData("*-lab-??", "host-lab-7", false)]
    [InlineData("srv-01", "SRV-01", true)]
    [InlineData("srv-01", "srv-011", false)]
    [InlineData("*", "anything", true)]
    [InlineData("a*b*c", "aXXbYYc", true)]
    [InlineData("a*b*c", "aXXbYYcd", false)]
    [InlineData("**x", "x", true)]
    public void Glob_patterns_match_the_whole_value_case_insensitively(string pattern, string assetId, bool matches)
    {
        Match(Rule(pattern), Raw(externalId: assetId)).IsSuppressed.ShouldBe(matches);
    }

    [Fact]
    public void A_glob_with_many_stars_stays_fast_on_a_long_value()
    {
        // A regex translation of this glob would backtrack exponentially; the glob matcher never backtracks more
        // than one star.
        Match(Rule("*a*a*a*a*a*a*a*a*a*b"), Raw(externalId: new string('a', 200))).IsSuppressed.ShouldBeFalse();
    }

    [Theory]
    [InlineData("^lab-\\d+$", "LAB-42", true)]
    [InlineData("lab", "my-lab-host", true)]
    [InlineData("^lab-\\d+$", "lab-x", false)]
    public void Regex_patterns_match_anywhere_unless_anchored_and_ignore_case(string pattern, string assetId, bool matches)
    {
        Match(Rule(pattern, SuppressionPatternType.Regex), Raw(externalId: assetId)).IsSuppressed.ShouldBe(matches);
    }

    [Fact]
    public void Rules_look_only_at_their_target_field()
    {
        var bySource = Rule("lab*", target: SuppressionTarget.Source);
        var byDescription = Rule("*decommissioned*", target: SuppressionTarget.Description);
        var reading = Raw(source: "lab-rmm", externalId: "srv-01", description: "Host DECOMMISSIONED in May");

        Match(bySource, reading).IsSuppressed.ShouldBeTrue();
        Match(bySource, Raw(source: "veeam", externalId: "lab-01")).IsSuppressed.ShouldBeFalse();
        Match(byDescription, reading).IsSuppressed.ShouldBeTrue();
    }

    [Fact]
    public void A_reading_without_description_never_matches_a_description_rule()
    {
        Match(Rule("*", target: SuppressionTarget.Description), Raw(description: null)).IsSuppressed.ShouldBeFalse();
    }

    [Fact]
    public void The_oldest_matching_rule_is_credited()
    {
        var newer = Rule("srv-*", createdAt: Created.AddDays(1));
        var older = Rule("*-01");
        var matcher = new SuppressionMatcher([newer, older]);

        matcher.Match(Valid(Raw(externalId: "srv-01"))).Rule.ShouldBe(older);
        matcher.Match(Valid(Raw(externalId: "srv-02"))).Rule.ShouldBe(newer);
        matcher.Match(Valid(Raw(externalId: "db-02"))).Rule.ShouldBeNull();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_nested_quantifier_regex_answers_correctly_on_a_long_value(bool stored)
    {
        // Backtracking, the first branch takes exponential time on a run of a's that does not end the value, and
        // a timeout used to count as "no match"; the linear-time engine finds the second branch.
        const string pattern = "^(a+)+$|!$";
        var rule = stored
            ? SuppressionRule.Create(Guid.NewGuid(), pattern, SuppressionPatternType.Regex, SuppressionTarget.Description,
                null, Created, out _, TimeSpan.FromMilliseconds(10))!
            : Rule(pattern, SuppressionPatternType.Regex, SuppressionTarget.Description);
        var longRun = new string('a', 1000);

        Match(rule, Raw(description: longRun + "!")).Rule.ShouldBe(rule);
        Match(rule, Raw(description: longRun + "?")).ShouldBe(new SuppressionMatch(null));
        Match(rule, Raw(description: longRun)).Rule.ShouldBe(rule);
    }

    [Theory]
    [InlineData("(a)\\1")]
    [InlineData("^(?=lab)")]
    [InlineData("(?<!x)lab")]
    [InlineData("(?>a+)b")]
    [InlineData("(?(a)b|c)")]
    [InlineData("((a{1000}){1000}){1000}")]
    public void Regex_rules_that_cannot_run_in_linear_time_are_refused_when_created(string pattern)
    {
        SuppressionRule.Create(Guid.NewGuid(), pattern, SuppressionPatternType.Regex, SuppressionTarget.AssetId, null,
            Created, out var error).ShouldBeNull();
        error.ShouldNotBeNull().ShouldStartWith("Pattern cannot be matched in linear time");
    }

    [Fact]
    public void A_stored_rule_predating_the_checks_on_new_rules_still_loads_and_matches()
    {
        var legacy = SuppressionRule.Create(Guid.NewGuid(), "^(lab)-\\1$", SuppressionPatternType.Regex,
            SuppressionTarget.AssetId, "lab\0", Created, out var error, SuppressionRule.LegacyMatchTimeout);

        error.ShouldBeNull();
        Match(legacy!, Raw(externalId: "LAB-lab")).IsSuppressed.ShouldBeTrue();
        Match(legacy!, Raw(externalId: "lab-x")).IsSuppressed.ShouldBeFalse();
    }

    [Fact]
    public void A_legacy_rule_that_timed_out_is_not_evaluated_again_in_the_call_and_a_later_rule_still_suppresses()
    {
        var slow = SuppressionRule.Create(Guid.NewGuid(), "^(?=(a+)+$)", SuppressionPatternType.Regex,
            SuppressionTarget.AssetId, null, Created, out _, TimeSpan.FromMilliseconds(10))!;
        var glob = Rule("lab-*", createdAt: Created.AddDays(1));
        var matcher = new SuppressionMatcher([slow, glob]);

        matcher.Match(Valid(Raw(externalId: new string('a', 40) + "!"))).ShouldBe(new SuppressionMatch(null, slow));
        // "aaa" would match quickly, but the rule is not tried again in this call.
        matcher.Match(Valid(Raw(externalId: "aaa"))).ShouldBe(new SuppressionMatch(null, slow));
        matcher.Match(Valid(Raw(externalId: "lab-1"))).ShouldBe(new SuppressionMatch(glob));
    }

    [Theory]
    [InlineData("lab\0*", null, "Pattern must not contain control characters.")]
    [InlineData("lab\t*", null, "Pattern must not contain control characters.")]
    [InlineData("lab-*", "nul\0", "Reason must not contain control characters other than tabs and line breaks.")]
    public void Control_characters_in_a_new_rule_are_refused(string pattern, string? reason, string error)
    {
        SuppressionRule.Create(Guid.NewGuid(), pattern, SuppressionPatternType.Glob, SuppressionTarget.AssetId, reason,
            Created, out var message).ShouldBeNull();
        message.ShouldBe(error);
    }

    [Theory]
    [InlineData("(unclosed", SuppressionPatternType.Regex, "Pattern is not a valid regular expression:")]
    [InlineData("[z-a]", SuppressionPatternType.Regex, "Pattern is not a valid regular expression:")]
    [InlineData("  ", SuppressionPatternType.Glob, "Pattern is required.")]
    [InlineData(null, SuppressionPatternType.Regex, "Pattern is required.")]
    public void Invalid_patterns_are_refused_when_the_rule_is_created(
        string? pattern, SuppressionPatternType type, string error)
    {
        SuppressionRule.Create(Guid.NewGuid(), pattern, type, SuppressionTarget.AssetId, null, Created, out var message)
            .ShouldBeNull();
        message!.ShouldStartWith(error);
    }

    [Fact]
    public void Overlong_patterns_and_reasons_and_unknown_enum_values_are_refused()
    {
        string? error;
        SuppressionRule.Create(Guid.NewGuid(), new string('*', 501), SuppressionPatternType.Glob,
            SuppressionTarget.AssetId, null, Created, out error).ShouldBeNull();
        error.ShouldBe("Pattern must be at most 500 characters.");
        SuppressionRule.Create(Guid.NewGuid(), "x", SuppressionPatternType.Glob,
            SuppressionTarget.AssetId, new string('r', 501), Created, out error).ShouldBeNull();
        error.ShouldBe("Reason must be at most 500 characters.");
        SuppressionRule.Create(Guid.NewGuid(), "x", (SuppressionPatternType)7,
            SuppressionTarget.AssetId, null, Created, out error).ShouldBeNull();
        error.ShouldBe("Type must be glob or regex.");
        SuppressionRule.Create(Guid.NewGuid(), "x", SuppressionPatternType.Glob,
            (SuppressionTarget)7, null, Created, out error).ShouldBeNull();
        error.ShouldBe("Target must be assetId, source or description.");
    }

    [Fact]
    public void A_rule_keeps_its_trimmed_pattern_and_reason()
    {
        var rule = SuppressionRule.Create(Guid.NewGuid(), " lab-* ", SuppressionPatternType.Glob,
            SuppressionTarget.AssetId, "  lab machines ", Created.ToOffset(TimeSpan.FromHours(10)), out _)!;

        rule.Pattern.ShouldBe("lab-*");
        rule.Reason.ShouldBe("lab machines");
        rule.CreatedAt.Offset.ShouldBe(TimeSpan.Zero);
    }
}
