namespace BillingOne.Subscription.Domain.Mapping;

/// <summary>
/// How alike two company names are, from 0 to 1, compared on their <see cref="ClientNameKey"/>s.
/// </summary>
/// <remarks>
/// Half word-set Dice, half character-trigram Dice over the whole key. Shared words carry the meaning ("Bayside
/// Dental" and "Bayside Plumbing" share a place, not a business) whatever their order; trigrams forgive typos and
/// words joined or split differently, which word equality misses. Both are symmetric, cheap on precomputed sets and
/// need no tuning table; Jaro-Winkler was not used because its prefix bonus rates two trades of the same place
/// ("Northgate Legal", "Northgate Logistics") as nearly the same name.
/// </remarks>
public static class NameSimilarity
{
    private const double WordWeight = 0.5;

    /// <summary>1 for names with the same non-empty key; 0 when either name has no letters or digits.</summary>
    public static double Score(string a, string b) => Score(NameProfile.Of(a), NameProfile.Of(b));

    internal static double Score(NameProfile a, NameProfile b)
    {
        if (a.Key.Length == 0 || b.Key.Length == 0)
        {
            return 0;
        }
        if (a.Key == b.Key)
        {
            return 1;
        }
        return WordWeight * Dice(a.Words, b.Words) + (1 - WordWeight) * Dice(a.Trigrams, b.Trigrams);
    }

    /// <summary>Twice the shared members over the total: 1 for equal sets, 0 for disjoint or empty ones.</summary>
    internal static double Dice(HashSet<string> a, HashSet<string> b)
    {
        if (a.Count + b.Count == 0)
        {
            return 0;
        }
        var (smaller, larger) = a.Count <= b.Count ? (a, b) : (b, a);
        return 2.0 * smaller.Count(larger.Contains) / (a.Count + b.Count);
    }

    /// <summary>The three-character pieces of <paramref name="text"/>, padded so that its ends count too.</summary>
    internal static HashSet<string> Trigrams(string text)
    {
        var padded = $" {text} ";
        var trigrams = new HashSet<string>(StringComparer.Ordinal);
        for (var start = 0; start + 3 <= padded.Length; start++)
        {
            trigrams.Add(padded.Substring(start, 3));
        }
        return trigrams;
    }
}
