using BillingOne.Sandbox.Pax8;

namespace BillingOne.Sandbox.Domain;

/// <summary>
/// How a client's name reads in an accounting system: drifted as in Pax8 (legal suffix, abbreviations, "and"), and
/// now and then mistyped when the bookkeeper created the contact, so mapping has to work harder than exact matching.
/// </summary>
internal static class AccountingContactNames
{
    private const double TypoShare = 0.12;

    public static string Vary(Random random, DemoClient client)
    {
        var name = Pax8CompanyNames.Vary(random, client.Name, client.TimeZone);
        return random.NextDouble() < TypoShare ? WithSwappedLetters(random, name) : name;
    }

    /// <summary>Two neighbouring letters of one word swapped, the commonest slip on a keyboard.</summary>
    private static string WithSwappedLetters(Random random, string name)
    {
        var candidates = Enumerable.Range(1, Math.Max(0, name.Length - 2))
            .Where(index => char.IsLower(name[index]) && char.IsLower(name[index + 1]) && name[index] != name[index + 1])
            .ToList();
        if (candidates.Count == 0)
        {
            return name;
        }
        var at = candidates[random.Next(candidates.Count)];
        return string.Concat(name.AsSpan(0, at), name[at + 1].ToString(), name[at].ToString(), name.AsSpan(at + 2));
    }
}
