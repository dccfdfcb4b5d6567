using System.Globalization;

namespace BillingOne.Sandbox.Pax8;

/// <summary>
/// How a client's name drifts when the MSP types it into Pax8: the legal entity suffix of its country,
/// "&amp;" spelt out, a trade abbreviated, punctuation changed, or the whole name in capitals. Matching
/// companies to clients must survive these, so most companies get at least one.
/// </summary>
internal static class Pax8CompanyNames
{
    private static readonly (string Long, string Short)[] Abbreviations =
    [
        ("Medical Centre", "Med Ctr"), ("Physiotherapy", "Physio"), ("Veterinary Clinic", "Vet Clinic"),
        ("Accounting", "Acctg"), ("Financial Planning", "Fin. Planning"), ("Engineering", "Eng."),
        ("Constructions", "Construction"), ("Early Learning", "Early Learning Centre"), ("Brewing Co", "Brewing Company"),
        ("Insurance Brokers", "Insurance"), ("Community Services", "Community Svcs"), ("Mortgage Brokers", "Mortgages"),
    ];

    private static readonly string[] KnownEndings = [" Pty Ltd", " Group", " Partners"];

    public static string Vary(Random random, string clientName, string timeZone)
    {
        var name = clientName;
        if (random.NextDouble() < 0.30)
        {
            var abbreviation = Abbreviations.FirstOrDefault(pair => name.Contains(pair.Long, StringComparison.Ordinal));
            if (abbreviation.Long is not null)
            {
                name = name.Replace(abbreviation.Long, abbreviation.Short, StringComparison.Ordinal);
            }
        }
        if (name.Contains(" & ", StringComparison.Ordinal) && random.NextDouble() < 0.5)
        {
            name = name.Replace(" & ", " and ", StringComparison.Ordinal);
        }
        if (name.Contains('\'') && random.NextDouble() < 0.5)
        {
            // Typed without the apostrophe, or pasted with a typographic one.
            name = name.Replace("'", random.NextDouble() < 0.5 ? "" : "\u2019", StringComparison.Ordinal);
        }
        if (random.NextDouble() < 0.65)
        {
            name = WithLegalSuffix(random, name, timeZone);
        }
        else if (random.NextDouble() < 0.3)
        {
            name = KnownEndings.Aggregate(name, (current, ending) =>
                current.EndsWith(ending, StringComparison.Ordinal) ? current[..^ending.Length] : current);
        }
        if (random.NextDouble() < 0.04)
        {
            name = name.ToUpper(CultureInfo.InvariantCulture);
        }
        return name;
    }

    private static string WithLegalSuffix(Random random, string name, string timeZone)
    {
        string[] suffixes = timeZone switch
        {
            _ when timeZone.StartsWith("America/", StringComparison.Ordinal) => [" LLC", ", Inc.", " Inc"],
            "Pacific/Auckland" or "Europe/London" => [" Ltd", " Limited", " Ltd."],
            "Asia/Singapore" => [" Pte Ltd", " Pte. Ltd."],
            _ => [" Pty Ltd", " Pty. Ltd.", " Pty Limited", " P/L"],
        };
        var bare = name.EndsWith(" Pty Ltd", StringComparison.Ordinal) ? name[..^" Pty Ltd".Length] : name;
        return bare + suffixes[random.Next(suffixes.Length)];
    }
}
