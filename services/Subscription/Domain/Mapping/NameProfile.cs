namespace BillingOne.Subscription.Domain.Mapping;

/// <summary>
/// What comparing a name needs, worked out once: matching scores every account against every client, so each name
/// is folded, keyed and split into words and trigrams only once.
/// </summary>
internal sealed class NameProfile
{
    private NameProfile(string folded)
    {
        Folded = folded;
        Key = ClientNameKey.KeyOf(folded);
        Words = [.. Key.Split(' ', StringSplitOptions.RemoveEmptyEntries)];
        Trigrams = NameSimilarity.Trigrams(Key);
    }

    /// <summary>The name with case, accents and punctuation evened out (<see cref="ClientNameKey.Fold"/>).</summary>
    public string Folded { get; }

    public string Key { get; }

    public HashSet<string> Words { get; }

    public HashSet<string> Trigrams { get; }

    public static NameProfile Of(string name) => new(ClientNameKey.Fold(name));
}
