using System.Globalization;
using System.Text;

namespace BillingOne.Subscription.Domain.Mapping;

/// <summary>
/// The canonical key of a company name: what is left once the ways a vendor's copy of a client's name drifts from
/// the client's own are taken out (case, accents, punctuation and apostrophes, "&amp;" or "and", abbreviated trades,
/// legal and trading-name endings, a leading "The"). Two names with the same key are taken to be the same company.
/// </summary>
public static class ClientNameKey
{
    private static readonly HashSet<char> Apostrophes = ['\'', '\u2018', '\u2019', '\u02BC', '`', '\u00B4'];

    // Every spelling of a word maps to one, so each side of a comparison spells it the same way.
    private static readonly Dictionary<string, string> Spellings = new(StringComparer.Ordinal)
    {
        ["center"] = "centre", ["ctr"] = "centre", ["cntr"] = "centre",
        ["svcs"] = "services", ["svc"] = "services",
        ["med"] = "medical", ["physio"] = "physiotherapy", ["vet"] = "veterinary",
        ["acctg"] = "accounting", ["fin"] = "financial", ["eng"] = "engineering", ["engg"] = "engineering",
        ["constructions"] = "construction", ["mortgage"] = "mortgages",
        ["co"] = "company", ["corp"] = "corporation", ["ltd"] = "limited", ["inc"] = "incorporated",
    };

    // Trades that vendors lengthen or shorten by a word; the shorter form is canonical. Matched on canonical spellings.
    private static readonly (string[] Long, string[] Short)[] Shortenings =
    [
        (["early", "learning", "centre"], ["early", "learning"]),
        (["insurance", "brokers"], ["insurance"]),
        (["mortgages", "brokers"], ["mortgages"]),
    ];

    // Endings that say what kind of entity or firm it is rather than which one; "pl" is "P/L" with its initials joined.
    private static readonly HashSet<string> Endings = new(StringComparer.Ordinal)
    {
        "pty", "pte", "pl", "limited", "llc", "llp", "plc", "incorporated", "gmbh", "ag", "company", "corporation",
        "group", "partners",
    };

    /// <summary>The canonical key of <paramref name="name"/>; empty when it has no letters or digits.</summary>
    public static string Normalize(string name) => KeyOf(Fold(name));

    /// <summary>
    /// <paramref name="name"/> lower-cased, without accents or apostrophes, "&amp;" spelt "and", other punctuation
    /// read as a space and white space collapsed: the name as written, before any word is rewritten.
    /// </summary>
    internal static string Fold(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        // Apostrophes go before decomposition, which would turn an acute accent used as one into a space.
        var withoutApostrophes = string.Concat(name.Where(character => !Apostrophes.Contains(character)));
        var decomposed = withoutApostrophes.Normalize(NormalizationForm.FormKD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var character in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(character) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            if (char.IsLetterOrDigit(character))
            {
                folded.Append(char.ToLowerInvariant(character));
            }
            else
            {
                folded.Append(character == '&' ? " and " : " ");
            }
        }
        return string.Join(' ', folded.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>The key of a name already passed through <see cref="Fold"/>.</summary>
    internal static string KeyOf(string folded)
    {
        var words = JoinInitials(folded.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(word => Spellings.GetValueOrDefault(word, word))
            .ToList();
        var key = Shorten(words);
        if (key.Count > 1 && key[0] == "the")
        {
            key.RemoveAt(0);
        }
        while (key.Count > 1 && Endings.Contains(key[^1]))
        {
            key.RemoveAt(key.Count - 1);
            // What "& Co" or "& Partners" leaves behind.
            if (key.Count > 1 && key[^1] == "and")
            {
                key.RemoveAt(key.Count - 1);
            }
        }
        return string.Join(' ', key);
    }

    // "J.B." folds to "j b" but is also written "JB": a run of single letters is one word.
    private static List<string> JoinInitials(string[] words)
    {
        var joined = new List<string>(words.Length);
        var initials = new StringBuilder();
        foreach (var word in words)
        {
            if (word.Length == 1 && char.IsLetter(word[0]))
            {
                initials.Append(word);
                continue;
            }
            if (initials.Length > 0)
            {
                joined.Add(initials.ToString());
                initials.Clear();
            }
            joined.Add(word);
        }
        if (initials.Length > 0)
        {
            joined.Add(initials.ToString());
        }
        return joined;
    }

    private static List<string> Shorten(List<string> words)
    {
        var shortened = new List<string>(words.Count);
        var index = 0;
        while (index < words.Count)
        {
            var (@long, @short) = Shortenings.FirstOrDefault(rule => StartsAt(words, index, rule.Long));
            if (@long is null)
            {
                shortened.Add(words[index]);
                index++;
            }
            else
            {
                shortened.AddRange(@short);
                index += @long.Length;
            }
        }
        return shortened;
    }

    private static bool StartsAt(List<string> words, int index, string[] phrase) =>
        index + phrase.Length <= words.Count
        && phrase.Select((word, offset) => words[index + offset] == word).All(same => same);
}
