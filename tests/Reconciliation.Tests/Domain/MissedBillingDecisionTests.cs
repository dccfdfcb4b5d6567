using BillingOne.Reconciliation.Domain;

namespace BillingOne.Reconciliation.Tests.Domain;

[Trait("Category", "Unit")]
public sealed class MissedBillingDecisionTests
{
    [Theory]
    [InlineData(MissedBillingStates.Open, true, MissedBillingDecision.Dismiss, MissedBillingStates.Dismissed)]
    [InlineData(MissedBillingStates.Open, true, MissedBillingDecision.Bill, MissedBillingStates.Billed)]
    [InlineData(MissedBillingStates.Dismissed, true, MissedBillingDecision.Reopen, MissedBillingStates.Open)]
    [InlineData(MissedBillingStates.Billed, true, MissedBillingDecision.Reopen, MissedBillingStates.Open)]
    public void Open_opportunities_are_decided_and_decided_ones_reopened(string state, bool gapOpen,
        MissedBillingDecision decision, string next)
    {
        MissedBillingDecisions.NextState(state, gapOpen, decision, out var refusal).ShouldBe(next);
        refusal.ShouldBeNull();
    }

    [Theory]
    [InlineData(MissedBillingStates.Dismissed, true, MissedBillingDecision.Bill)]
    [InlineData(MissedBillingStates.Billed, true, MissedBillingDecision.Dismiss)]
    [InlineData(MissedBillingStates.Open, true, MissedBillingDecision.Reopen)]
    [InlineData(MissedBillingStates.Billed, false, MissedBillingDecision.Reopen)]
    public void Impossible_decisions_are_refused_with_a_reason(string state, bool gapOpen, MissedBillingDecision decision)
    {
        MissedBillingDecisions.NextState(state, gapOpen, decision, out var refusal).ShouldBeNull();
        refusal.ShouldNotBeNullOrWhiteSpace();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void A_dismissal_needs_a_reason(string? reason)
    {
        var errors = new Dictionary<string, string[]>();

        MissedBillingDecisions.Reason(reason, errors).ShouldBeNull();

        errors.Keys.ShouldBe(["reason"]);
    }

    [Fact]
    public void A_reason_is_trimmed() =>
        MissedBillingDecisions.Reason("  agreed with the client ", new Dictionary<string, string[]>())
            .ShouldBe("agreed with the client");
}
