using BillingOne.Subscription.Domain.Mapping;
using Xunit.Abstractions;

namespace BillingOne.Subscription.Tests.Domain.Mapping;

[Trait("Category", "Unit")]
public class ClientMatcherTests(ITestOutputHelper output)
{
    private static readonly ClientCandidate Harbourside = new(Guid.NewGuid(), "Harbourside Dental");

    private static readonly ClientCandidate Northgate = new(Guid.NewGuid(), "Northgate Legal");

    // Near misses of some fixed-list clients, none of them one itself.
    private static readonly ClientCandidate[] Distractors =
    [
        new(Guid.NewGuid(), "Bayside Dental"), new(Guid.NewGuid(), "Northgate Logistics"),
        new(Guid.NewGuid(), "Harbourside Dental Lab"),
    ];

    [Fact]
    public void The_fixed_list_matches_automatically_only_to_the_right_client_and_suggests_it_first_otherwise()
    {
        var clients = VendorNameDrift.SameCompany.Select(pair => pair.Client)
            .Concat(VendorNameDrift.DifferentCompanies.Select(pair => pair.Client))
            .Distinct()
            .Select(name => new ClientCandidate(Guid.NewGuid(), name))
            .ToList();
        var clientIdByName = clients.ToDictionary(client => client.Name, client => client.ClientId);
        var sameCompanyAccounts = VendorNameDrift.SameCompany
            .Select((pair, index) => new VendorAccountName($"same-{index}", pair.Vendor));
        var differentCompanyAccounts = VendorNameDrift.DifferentCompanies
            .Select((pair, index) => new VendorAccountName($"different-{index}", pair.Vendor));

        var matches = ClientMatcher.Match([.. sameCompanyAccounts, .. differentCompanyAccounts], clients)
            .ToDictionary(match => match.VendorId);

        var expected = VendorNameDrift.SameCompany
            .Select((pair, index) =>
                (Pair: pair, Match: matches[$"same-{index}"], ClientId: clientIdByName[pair.Client]))
            .ToList();
        var autoMatched = expected.Where(variant => variant.Match.AutoMatchedClientId is not null).ToList();
        var wrong = autoMatched.Where(variant => variant.Match.AutoMatchedClientId != variant.ClientId).ToList();
        var differentAutoMatched = VendorNameDrift.DifferentCompanies
            .Select((pair, index) => matches[$"different-{index}"])
            .Where(match => match.AutoMatchedClientId is not null)
            .ToList();
        var precision = (double)(autoMatched.Count - wrong.Count) / autoMatched.Count;
        var recall = (double)(autoMatched.Count - wrong.Count) / expected.Count;
        output.WriteLine($"{expected.Count} variants, {autoMatched.Count} matched automatically, {wrong.Count} wrong; "
            + $"precision {precision:P1}, recall {recall:P1}");

        wrong.Select(variant => variant.Pair).ShouldBeEmpty();
        differentAutoMatched.ShouldBeEmpty();
        recall.ShouldBeGreaterThanOrEqualTo(0.9);
        foreach (var variant in expected.Where(variant => variant.Match.AutoMatchedClientId is null))
        {
            variant.Match.Suggestions.ShouldNotBeEmpty(variant.Pair.Vendor);
            variant.Match.Suggestions[0].ClientId.ShouldBe(variant.ClientId, variant.Pair.Vendor);
        }
    }

    [Fact]
    public void Every_variant_on_its_own_is_matched_automatically_or_its_client_suggested_first()
    {
        foreach (var (clientName, vendorName) in VendorNameDrift.SameCompany)
        {
            var client = new ClientCandidate(Guid.NewGuid(), clientName);
            var match = ClientMatcher.Match([new VendorAccountName("1", vendorName)], [client, .. Distractors])
                .ShouldHaveSingleItem();
            (match.AutoMatchedClientId ?? match.Suggestions[0].ClientId).ShouldBe(client.ClientId, vendorName);
        }
    }

    [Fact]
    public void No_near_miss_is_matched_automatically()
    {
        foreach (var (clientName, vendorName) in VendorNameDrift.DifferentCompanies)
        {
            var client = new ClientCandidate(Guid.NewGuid(), clientName);
            ClientMatcher.Match([new VendorAccountName("1", vendorName)], [client])
                .ShouldHaveSingleItem().AutoMatchedClientId.ShouldBeNull($"{vendorName} is not {clientName}");
        }
    }

    [Fact]
    public void An_account_with_the_key_of_one_client_is_matched_to_it_without_suggestions()
    {
        VendorAccountName[] accounts = [new("42", "HARBOURSIDE DENTAL PTY. LTD.")];

        var match = ClientMatcher.Match(accounts, [Harbourside, Northgate]).ShouldHaveSingleItem();

        match.VendorId.ShouldBe("42");
        match.AutoMatchedClientId.ShouldBe(Harbourside.ClientId);
        match.Suggestions.ShouldBeEmpty();
    }

    [Fact]
    public void Two_clients_with_the_same_key_are_suggested_not_matched()
    {
        var group = new ClientCandidate(Guid.NewGuid(), "Harbourside Dental Group");
        VendorAccountName[] accounts = [new("1", "Harbourside Dental Pty Ltd")];

        var match = ClientMatcher.Match(accounts, [group, Harbourside]).ShouldHaveSingleItem();

        match.AutoMatchedClientId.ShouldBeNull();
        match.Suggestions.Select(suggestion => suggestion.ClientId).ShouldBe([Harbourside.ClientId, group.ClientId]);
        match.Suggestions.ShouldAllBe(suggestion => suggestion.Score == 1);
    }

    [Fact]
    public void Two_accounts_with_the_same_key_are_both_left_for_a_person()
    {
        VendorAccountName[] accounts = [new("1", "Harbourside Dental"), new("2", "Harbourside Dental Pty Ltd")];
        var matches = ClientMatcher.Match(accounts, [Harbourside, Northgate]);
        matches.Select(match => match.VendorId).ShouldBe(["1", "2"]);
        matches.ShouldAllBe(match => match.AutoMatchedClientId == null);
        matches.ShouldAllBe(match => match.Suggestions.Single().ClientId == Harbourside.ClientId);
    }

    [Fact]
    public void A_name_without_letters_or_digits_is_never_matched()
    {
        var blank = new ClientCandidate(Guid.NewGuid(), "  --  ");
        var match = ClientMatcher.Match([new VendorAccountName("1", "...")], [blank, Harbourside])
            .ShouldHaveSingleItem();
        match.AutoMatchedClientId.ShouldBeNull();
        match.Suggestions.ShouldBeEmpty();
    }

    [Fact]
    public void Suggestions_are_the_best_few_above_the_threshold_best_first()
    {
        ClientCandidate[] clients =
        [
            new(Guid.NewGuid(), "Bayside Dental Care"), new(Guid.NewGuid(), "Bayside Dental Studio"),
            new(Guid.NewGuid(), "Bayside Dental Surgery"), new(Guid.NewGuid(), "Bayside Dentistry"),
            new(Guid.NewGuid(), "Kingsford Surveyors"),
        ];

        var match = ClientMatcher.Match([new VendorAccountName("1", "Bayside Dental")], clients).ShouldHaveSingleItem();

        match.AutoMatchedClientId.ShouldBeNull();
        match.Suggestions.Count.ShouldBe(3);
        match.Suggestions.Select(suggestion => suggestion.Score).ShouldBeInOrder(SortDirection.Descending);
        match.Suggestions.ShouldAllBe(suggestion => suggestion.Score >= 0.6 && suggestion.Score < 1);
        match.Suggestions.ShouldNotContain(suggestion => suggestion.ClientName == "Kingsford Surveyors");
    }

    [Fact]
    public void Options_set_the_threshold_and_the_number_of_suggestions()
    {
        ClientCandidate[] clients = [new(Guid.NewGuid(), "Bayview Dental"), new(Guid.NewGuid(), "Bayside Plumbing")];
        VendorAccountName[] accounts = [new("1", "Bayside Dental")];

        ClientMatcher.Match(accounts, clients, new MatchOptions(SuggestionThreshold: 0))
            .ShouldHaveSingleItem().Suggestions.Count.ShouldBe(2);
        ClientMatcher.Match(accounts, clients, new MatchOptions(SuggestionThreshold: 0, MaxSuggestions: 1))
            .ShouldHaveSingleItem().Suggestions.ShouldHaveSingleItem().ClientName.ShouldBe("Bayview Dental");
        ClientMatcher.Match(accounts, clients, new MatchOptions(SuggestionThreshold: 0.99))
            .ShouldHaveSingleItem().Suggestions.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(-0.1, 3)]
    [InlineData(1.1, 3)]
    [InlineData(0.6, -1)]
    public void Options_out_of_range_are_refused(double threshold, int maxSuggestions)
    {
        Should.Throw<ArgumentOutOfRangeException>(() =>
            ClientMatcher.Match([], [], new MatchOptions(threshold, maxSuggestions)));
    }

    [Fact]
    public void Three_hundred_accounts_against_three_hundred_clients_match_every_exact_name_and_only_suggest_the_rest()
    {
        var random = new Random(7);
        string[] places =
        [
            "Harbourside", "Northgate", "Bayside", "Riverside", "Summit", "Coastal", "Parkview", "Hillcrest",
            "Southbank", "Eastwood", "Kingsford", "Redgum", "Ironbark", "Bluewater", "Greenfield", "Stonebridge",
            "Lakeside", "Highpoint", "Oakridge", "Silverleaf", "Wattle", "Meridian", "Pinnacle", "Horizon",
        ];
        string[] trades =
        [
            "Dental", "Medical Centre", "Physiotherapy", "Legal", "Accounting", "Engineering", "Plumbing", "Logistics",
            "Freight", "Pharmacy", "Optometry", "Motors", "Landscaping", "Consulting", "Surveyors", "Wines", "Joinery",
            "Cabinetry", "Civil",
        ];
        var names = places.SelectMany(place => trades.Select(trade => $"{place} {trade}"))
            .OrderBy(_ => random.Next())
            .ToList();
        var clients = names.Take(300).Select(name => new ClientCandidate(Guid.NewGuid(), name)).ToList();
        // Half the accounts match a client, half are other companies that need suggestions: the slow path.
        var accounts = names.Skip(150).Take(300)
            .Select((name, index) => new VendorAccountName(index.ToString(), $"{name} Pty Ltd"))
            .ToList();

        // Its speed is measured by the sync benchmark (scripts/bench.sh), not asserted here.
        var matches = ClientMatcher.Match(accounts, clients);

        matches.Count(match => match.AutoMatchedClientId is not null).ShouldBe(150);
        matches.Where(match => match.AutoMatchedClientId is null)
            .ShouldAllBe(match => match.Suggestions.All(suggestion => suggestion.Score < 1.0));
    }
}
