using BillingOne.Projection.Domain;

namespace BillingOne.Projection.Tests.Domain;

[Trait("Category", "Unit")]
public sealed class NewOverageRuleTests
{
    [Theory]
    [InlineData(12.5, 2.5)]
    [InlineData(10.001, 0.001)]
    public void The_newest_usage_above_the_commit_is_a_new_overage_of_the_units_above_it(decimal usage, decimal units) =>
        NewOverageRule.Units(enabled: true, commitUnits: 10m, usage, newest: true, alreadyAnnounced: false)
            .ShouldBe(units);

    [Theory]
    [InlineData(10)]
    [InlineData(9.99)]
    [InlineData(0)]
    public void Usage_at_or_below_the_commit_is_none(decimal usage) =>
        NewOverageRule.Units(enabled: true, commitUnits: 10m, usage, newest: true, alreadyAnnounced: false)
            .ShouldBeNull();

    [Fact]
    public void Without_a_commit_the_first_usage_is_all_overage() =>
        NewOverageRule.Units(enabled: true, commitUnits: 0m, usage: 3m, newest: true, alreadyAnnounced: false)
            .ShouldBe(3m);

    [Fact]
    public void A_period_already_announced_is_not_announced_again_however_far_the_usage_rises() =>
        NewOverageRule.Units(enabled: true, commitUnits: 10m, usage: 40m, newest: true, alreadyAnnounced: true)
            .ShouldBeNull();

    [Fact]
    public void An_older_observation_arriving_late_announces_nothing() =>
        NewOverageRule.Units(enabled: true, commitUnits: 10m, usage: 12m, newest: false, alreadyAnnounced: false)
            .ShouldBeNull();

    [Fact]
    public void A_disabled_bucket_bills_nothing_so_has_no_overage() =>
        NewOverageRule.Units(enabled: false, commitUnits: 10m, usage: 12m, newest: true, alreadyAnnounced: false)
            .ShouldBeNull();
}
