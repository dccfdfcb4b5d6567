namespace BillingOne.Subscription.Domain.Mapping;

/// <summary>
/// A client that a vendor account may belong to, with how alike the names are (<see cref="NameSimilarity"/>).
/// </summary>
public sealed record MatchSuggestion(Guid ClientId, string ClientName, double Score);
