namespace BillingOne.Subscription.Domain.Mapping;

/// <summary>
/// A vendor's live accounts, the organization's clients, the accounts already mapped and the suggestions a person
/// turned down: what the mapping decisions are taken from.
/// </summary>
public sealed record MatchingState(
    IReadOnlyList<VendorAccountName> Accounts,
    IReadOnlyList<ClientCandidate> Clients,
    IReadOnlyDictionary<string, Guid> Mapped,
    IReadOnlySet<(string VendorId, Guid ClientId)> Rejected)
{
    /// <summary>
    /// The accounts to map now: a certain match (<see cref="ClientMatcher"/>) of an account not mapped yet, to a client
    /// nobody rejected for it.
    /// </summary>
    public IReadOnlyList<(string VendorId, Guid ClientId)> AutoMatches() =>
    [
        .. ClientMatcher.Match(Accounts, Clients)
            .Where(match => match.AutoMatchedClientId is { } clientId && !Mapped.ContainsKey(match.VendorId)
                && !Rejected.Contains((match.VendorId, clientId)))
            .Select(match => (match.VendorId, match.AutoMatchedClientId!.Value)),
    ];

    /// <summary>The likeliest clients of each of <paramref name="unmapped"/>, without the ones a person rejected for it.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<MatchSuggestion>> SuggestionsFor(IReadOnlyList<VendorAccountName> unmapped) =>
        unmapped.Count == 0
            ? new Dictionary<string, IReadOnlyList<MatchSuggestion>>()
            : ClientMatcher.Match(unmapped, Clients).ToDictionary(match => match.VendorId,
                match => (IReadOnlyList<MatchSuggestion>)
                    [.. match.Suggestions.Where(suggestion => !Rejected.Contains((match.VendorId, suggestion.ClientId)))]);
}
