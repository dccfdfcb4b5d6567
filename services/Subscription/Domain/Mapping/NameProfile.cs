namespace BillingOne.Subscription.Domain.Mapping;

/// <summary>
/// What comparing a name needs, worked out once: matching scores every account against every client, so each name
/// is folded, keyed and split into words and trigrams only once.
/// </summary>
internal sealed class NameProfile
{
    private NameProfile(string folded)
    {
        Key = ClientNameKey.KeyOf(folded);
        Words = [.. Key.Split(' ', StringSplitOptions.RemoveEmptyEntries)];
        Trigrams = NameSimilarity.Trigrams(Key);
        FoldedTrigrams = NameSimilarity.Trigrams(folded);
    }

    public string Key { get; }

    public HashSet<string> Words { get; }

    public HashSet<string> Trigrams { get; }

    /// <summary>
    /// Trigrams of the name as written, only case, accents and punctuation evened out
    /// (<see cref="ClientNameKey.Fold"/>): they tell apart names that share a key.
    /// </summary>
    public HashSet<string> FoldedTrigrams { get; }

    public static NameProfile Of(string name) => new(ClientNameKey.Fold(name));
}
