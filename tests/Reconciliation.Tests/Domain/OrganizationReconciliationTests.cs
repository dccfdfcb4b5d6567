using BillingOne.Reconciliation.Domain;

namespace BillingOne.Reconciliation.Tests.Domain;

[Trait("Category", "Unit")]
public sealed class OrganizationReconciliationTests
{
    private static readonly Guid Bravo = Guid.Parse("0199a000-0000-7000-8000-00000000000b");
    private static readonly Guid Echo = Guid.Parse("0199a000-0000-7000-8000-00000000000e");
    private static readonly Guid Charlie = Guid.Parse("0199a000-0000-7000-8000-00000000000c");

    [Fact]
    public void Every_client_is_compared_and_unlicensed_devices_are_priced_at_the_average_of_the_others()
    {
        // Average: (9 × 15.00 + 5 × 10.00) ÷ 14 = 185 ÷ 14 = 13.214285… → 13.2143; Echo: 7 × 13.2143 = 92.5001 → 92.50.
        var product = Guid.Parse("0199a000-0000-7000-8000-0000000000a1");
        var outcomes = OrganizationReconciliation.Compute(
        [
            new ClientFacts(Bravo, new DeviceCounts(12, 0, 0),
                new ClientLicenses([ClientComparisonTests.Product(product, "Antivirus", 9, price: 15.00m)], "AUD")),
            new ClientFacts(Charlie, new DeviceCounts(3, 0, 0),
                new ClientLicenses([ClientComparisonTests.Product(product, "Antivirus", 5, price: 10.00m)], "AUD")),
            new ClientFacts(Echo, new DeviceCounts(7, 0, 0), null),
        ], []).ToDictionary(outcome => outcome.ClientId);

        outcomes[Bravo].ShouldSatisfyAllConditions(
            bravo => bravo.Gaps.ShouldHaveSingleItem().Amount.ShouldBe(45.00m),
            bravo => bravo.DeviceLicenseUnitPrice.ShouldBe(15.00m));
        outcomes[Charlie].Gaps.ShouldBeEmpty();
        outcomes[Echo].ShouldSatisfyAllConditions(
            echo => (echo.Comparison.Devices, echo.Comparison.DeviceLicenses, echo.Comparison.Variance, echo.Comparison.Status)
                .ShouldBe(((int?)7, 0, (int?)7, ReconciliationStatuses.UnderLicensed)),
            echo => echo.Currency.ShouldBe("AUD"),
            echo => echo.Gaps.ShouldHaveSingleItem().Amount.ShouldBe(92.50m));
    }

    [Fact]
    public void Recomputation_keeps_decisions_drops_open_opportunities_whose_gap_closed_and_keeps_decided_ones_as_history()
    {
        var dismissed = Stored("a", MissedBillingStates.Dismissed, 45.00m);
        var unchanged = Stored("b", MissedBillingStates.Open, 10.00m);
        var closedOpen = Stored("c", MissedBillingStates.Open, 5.00m);
        var closedBilled = Stored("d", MissedBillingStates.Billed, 7.00m);

        var changes = OrganizationReconciliation.Plan([dismissed, unchanged, closedOpen, closedBilled],
            [Gap("a", 30.00m), Gap("b", 10.00m), Gap("e", 20.00m)]);

        changes.Added.Select(gap => gap.Key).ShouldBe(["e"]);
        changes.Changed.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            change => change.Id.ShouldBe(dismissed.Id), change => change.Gap.Amount.ShouldBe(30.00m));
        changes.Removed.ShouldBe([closedOpen.Id]);
        changes.Closed.ShouldBe([closedBilled.Id]);
    }

    [Fact]
    public void The_open_amount_counts_new_and_open_gaps_in_the_clients_currency_only()
    {
        var states = new Dictionary<string, string> { ["a"] = MissedBillingStates.Dismissed, ["b"] = MissedBillingStates.Open };

        OrganizationReconciliation.OpenAmount(
            [Gap("a", 45.00m), Gap("b", 10.00m), Gap("e", 20.00m), Gap("f", 99m) with { Currency = "NZD" }, Gap("g", null)],
            states, "AUD").ShouldBe(30.00m);
    }

    private static StoredOpportunity Stored(string key, string state, decimal amount) =>
        new(Guid.NewGuid(), key, state, amount, "AUD", $"evidence {key}", null, GapOpen: true);

    private static MissedBillingGap Gap(string key, decimal? amount) =>
        new(key, MissedBillingKinds.UnderLicensed, Bravo, null, null, null, null, amount, "AUD",
            amount is null ? "no estimate" : $"evidence {key}");
}
