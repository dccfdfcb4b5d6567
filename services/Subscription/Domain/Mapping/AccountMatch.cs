namespace BillingOne.Subscription.Domain.Mapping;

/// <summary>
/// The client a vendor account belongs to when that is certain (<see cref="AutoMatchedClientId"/>), otherwise the
/// likeliest clients, best first, for a person to choose from.
/// </summary>
public sealed record AccountMatch(
    string VendorId,
    Guid? AutoMatchedClientId,
    IReadOnlyList<MatchSuggestion> Suggestions);
