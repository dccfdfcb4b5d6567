namespace BillingOne.Subscription.Domain.Mapping;

/// <summary>
/// Which clients <see cref="ClientMatcher"/> suggests for an account it cannot match for certain: at most
/// <see cref="MaxSuggestions"/>, each scoring at least <see cref="SuggestionThreshold"/> (0 to 1).
/// </summary>
public sealed record MatchOptions(double SuggestionThreshold = 0.6, int MaxSuggestions = 3)
{
    public static MatchOptions Default { get; } = new();
}
