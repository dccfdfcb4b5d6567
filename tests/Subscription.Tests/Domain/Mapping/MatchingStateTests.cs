using BillingOne.Subscription.Domain.Mapping;

namespace BillingOne.Subscription.Tests.Domain.Mapping;

/// <summary>What the mapping workbench and the syncs decide from a vendor's accounts, the clients and past choices.</summary>
[Trait("Category", "Unit")]
public sealed class MatchingStateTests
{
    private static readonly ClientCandidate Harbourside = new(Guid.NewGuid(), "Harbourside Dental");
    private static readonly ClientCandidate Northgate = new(Guid.NewGuid(), "Northgate Legal");
    private static readonly ClientCandidate Bayside = new(Guid.NewGuid(), "Bayside Dental");

    private static MatchingState State(IReadOnlyDictionary<string, Guid>? mapped = null,
        params (string VendorId, Guid ClientId)[] rejected) => new(
        [new("h-1", "Harbourside Dental Pty Ltd"), new("n-1", "Northgate Legal"), new("b-1", "Bayside Dentistry")],
        [Harbourside, Northgate, Bayside],
        mapped ?? new Dictionary<string, Guid>(),
        rejected.ToHashSet());

    [Fact]
    public void Certain_matches_of_unmapped_accounts_are_mapped_automatically()
    {
        State().AutoMatches().ShouldBe([("h-1", Harbourside.ClientId), ("n-1", Northgate.ClientId)], ignoreOrder: true);
    }

    [Fact]
    public void An_account_already_mapped_or_whose_certain_client_was_rejected_is_not_matched_again()
    {
        var state = State(new Dictionary<string, Guid> { ["h-1"] = Bayside.ClientId }, ("n-1", Northgate.ClientId));

        state.AutoMatches().ShouldBeEmpty();
    }

    [Fact]
    public void Suggestions_leave_out_the_clients_a_person_rejected_for_that_account()
    {
        var unmapped = new List<VendorAccountName> { new("b-1", "Bayside Dentistry") };

        State().SuggestionsFor(unmapped)["b-1"].Select(suggestion => suggestion.ClientId).ShouldContain(Bayside.ClientId);
        State(null, ("b-1", Bayside.ClientId)).SuggestionsFor(unmapped)["b-1"]
            .Select(suggestion => suggestion.ClientId).ShouldNotContain(Bayside.ClientId);
        State().SuggestionsFor([]).ShouldBeEmpty();
    }
}
