using BillingOne.Subscription.Connectors.Pax8;
using BillingOne.Subscription.Domain.Licensing;

namespace BillingOne.Subscription.Tests.Domain.Licensing;

[Trait("Category", "Unit")]
public class LicenceAdjustmentRuleTests
{
    private static readonly Guid Product = Guid.Parse("00000000-0000-4000-8000-000000000100");

    private static DeviceSubscription Subscription(int number, int quantity, Pax8BillingTerm term = Pax8BillingTerm.Monthly) =>
        new(Guid.Parse($"00000000-0000-4000-8000-{number:D12}"), Product, quantity, term);

    [Fact]
    public void Under_licensing_grows_the_largest_monthly_subscription_by_the_variance()
    {
        var annual = Subscription(1, 50, Pax8BillingTerm.Annual);
        var small = Subscription(2, 5);
        var large = Subscription(3, 10);

        var proposal = LicenceAdjustmentRule.Propose(72, [annual, small, large]).ShouldNotBeNull();

        proposal.SubscriptionId.ShouldBe(large.Id);
        proposal.QuantityBefore.ShouldBe(10);
        proposal.ProposedQuantity.ShouldBe(17);
        proposal.RemainingVariance.ShouldBe(0);
    }

    [Fact]
    public void Without_a_monthly_one_under_licensing_grows_a_longer_term()
    {
        var proposal = LicenceAdjustmentRule.Propose(12, [Subscription(1, 10, Pax8BillingTerm.Annual)]).ShouldNotBeNull();

        proposal.ProposedQuantity.ShouldBe(12);
    }

    [Fact]
    public void Over_licensing_shrinks_a_monthly_subscription_never_below_one_and_says_what_is_left()
    {
        var proposal = LicenceAdjustmentRule.Propose(2, [Subscription(1, 20, Pax8BillingTerm.Annual), Subscription(2, 6)])
            .ShouldNotBeNull();

        proposal.SubscriptionId.ShouldBe(Subscription(2, 6).Id);
        proposal.ProposedQuantity.ShouldBe(1);
        proposal.RemainingVariance.ShouldBe(-19);
    }

    [Fact]
    public void Equal_quantities_are_settled_by_id()
    {
        var proposal = LicenceAdjustmentRule.Propose(9, [Subscription(5, 4), Subscription(4, 4)]).ShouldNotBeNull();

        proposal.SubscriptionId.ShouldBe(Subscription(4, 4).Id);
    }

    [Fact]
    public void Nothing_is_proposed_when_licences_match_or_nothing_can_change()
    {
        LicenceAdjustmentRule.Propose(10, [Subscription(1, 4), Subscription(2, 6)]).ShouldBeNull();
        LicenceAdjustmentRule.Propose(3, []).ShouldBeNull();
        LicenceAdjustmentRule.Propose(3, [Subscription(1, 5, Pax8BillingTerm.Annual)]).ShouldBeNull();
        LicenceAdjustmentRule.Propose(0, [Subscription(1, 1)]).ShouldBeNull();
        LicenceAdjustmentRule.Propose(9, [Subscription(1, 5, Pax8BillingTerm.Trial)]).ShouldBeNull();
    }
}
