namespace BillingOne.Subscription.Domain.Mapping;

/// <summary>
/// Matches vendor accounts to clients by name. An account is matched automatically only when its
/// <see cref="ClientNameKey"/> is that of exactly one client and of no other account in the list, so an automatic
/// match is never a guess; every other account gets suggestions ranked by <see cref="NameSimilarity"/>.
/// </summary>
public static class ClientMatcher
{
    /// <summary>One result per account, in the order of <paramref name="accounts"/>.</summary>
    public static IReadOnlyList<AccountMatch> Match(
        IReadOnlyList<VendorAccountName> accounts,
        IReadOnlyList<ClientCandidate> clients,
        MatchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(clients);
        options ??= MatchOptions.Default;
        ArgumentOutOfRangeException.ThrowIfNegative(options.SuggestionThreshold, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.SuggestionThreshold, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxSuggestions, nameof(options));

        var profiledClients = clients.Select(client => (Client: client, Profile: NameProfile.Of(client.Name))).ToList();
        var clientsByKey = profiledClients.ToLookup(client => client.Profile.Key, StringComparer.Ordinal);
        var accountProfiles = accounts.Select(account => NameProfile.Of(account.Name)).ToList();
        var accountsPerKey = accountProfiles.CountBy(profile => profile.Key, StringComparer.Ordinal)
            .ToDictionary(StringComparer.Ordinal);

        return accounts.Select((account, index) =>
        {
            var profile = accountProfiles[index];
            var sameKey = clientsByKey[profile.Key].ToList();
            var certain = profile.Key.Length > 0 && sameKey.Count == 1 && accountsPerKey[profile.Key] == 1;
            return certain
                ? new AccountMatch(account.VendorId, sameKey[0].Client.ClientId, [])
                : new AccountMatch(account.VendorId, null, Suggest(profile, profiledClients, options));
        }).ToList();
    }

    private static List<MatchSuggestion> Suggest(
        NameProfile account, List<(ClientCandidate Client, NameProfile Profile)> clients, MatchOptions options) =>
        clients
            .Select(client => (client.Client, client.Profile, Score: NameSimilarity.Score(account, client.Profile)))
            .Where(scored => scored.Score > 0 && scored.Score >= options.SuggestionThreshold)
            .OrderByDescending(scored => scored.Score)
            // Clients sharing a key score alike; the one whose name as written is closer (a "Group" kept) goes first.
            .ThenByDescending(scored => NameSimilarity.Dice(account.FoldedTrigrams, scored.Profile.FoldedTrigrams))
            .ThenBy(scored => scored.Client.Name, StringComparer.Ordinal)
            .ThenBy(scored => scored.Client.ClientId)
            .Take(options.MaxSuggestions)
            .Select(scored => new MatchSuggestion(scored.Client.ClientId, scored.Client.Name, scored.Score))
            .ToList();
}
