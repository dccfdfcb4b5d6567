namespace BillingOne.Contracts.Money;

/// <summary>
/// ISO-4217 currency codes and their minor units (digits after the decimal point). Rounding a line to
/// anything other than the currency's minor units would bill amounts that cannot be paid, so every
/// <see cref="Money"/> goes through here.
/// </summary>
public static class Iso4217
{
    /// <summary>Minor units used for any well-formed code not listed below: ISO-4217's most common value.</summary>
    public const int DefaultMinorUnits = 2;

    // The common billing currencies are listed so their precision is explicit; every ISO-4217 currency
    // whose minor unit differs from two is listed as well, so the default can only ever apply to a
    // two-digit currency.
    private static readonly Dictionary<string, int> MinorUnitsByCode = new(StringComparer.Ordinal)
    {
        ["AUD"] = 2, ["NZD"] = 2, ["USD"] = 2, ["GBP"] = 2, ["EUR"] = 2, ["SGD"] = 2, ["CAD"] = 2,
        ["CHF"] = 2, ["HKD"] = 2, ["ZAR"] = 2, ["INR"] = 2, ["SEK"] = 2, ["NOK"] = 2, ["DKK"] = 2,
        ["BIF"] = 0, ["CLP"] = 0, ["DJF"] = 0, ["GNF"] = 0, ["ISK"] = 0, ["JPY"] = 0, ["KMF"] = 0,
        ["KRW"] = 0, ["PYG"] = 0, ["RWF"] = 0, ["UGX"] = 0, ["UYI"] = 0, ["VND"] = 0, ["VUV"] = 0,
        ["XAF"] = 0, ["XOF"] = 0, ["XPF"] = 0,
        ["BHD"] = 3, ["IQD"] = 3, ["JOD"] = 3, ["KWD"] = 3, ["LYD"] = 3, ["OMR"] = 3, ["TND"] = 3,
        ["CLF"] = 4, ["UYW"] = 4,
    };

    // Precious metals, SDR/fund units and the testing/"no currency" codes have no minor unit in
    // ISO-4217: nothing can be rounded to them, so they are not billing currencies.
    private static readonly HashSet<string> CodesWithoutMinorUnits = new(StringComparer.Ordinal)
    {
        "XAG", "XAU", "XBA", "XBB", "XBC", "XBD", "XDR", "XPD", "XPT", "XSU", "XTS", "XUA", "XXX",
    };

    /// <summary>
    /// Returns the canonical (upper-case) code, or throws <see cref="ArgumentException"/> when
    /// <paramref name="code"/> is not three ASCII letters or is a code without minor units.
    /// </summary>
    public static string Normalize(string code)
    {
        if (!TryNormalize(code, out var normalized))
        {
            throw new ArgumentException(
                $"'{code}' is not an ISO-4217 currency code: expected three letters such as AUD, USD or EUR.",
                nameof(code));
        }
        return normalized;
    }

    public static bool TryNormalize(string? code, out string normalized)
    {
        normalized = string.Empty;
        if (code is not { Length: 3 } || !code.All(char.IsAsciiLetter))
        {
            return false;
        }
        var upper = code.ToUpperInvariant();
        if (CodesWithoutMinorUnits.Contains(upper))
        {
            return false;
        }
        normalized = upper;
        return true;
    }

    /// <summary>Number of decimal places an amount in <paramref name="code"/> is billed with.</summary>
    public static int MinorUnits(string code) =>
        MinorUnitsByCode.TryGetValue(Normalize(code), out var digits) ? digits : DefaultMinorUnits;

    /// <summary>
    /// Minor units of <paramref name="code"/>, or <see cref="DefaultMinorUnits"/> when there is no valid code to
    /// take them from (an amount shown before its currency is known).
    /// </summary>
    public static int MinorUnitsOrDefault(string? code) =>
        TryNormalize(code, out var normalized) ? MinorUnits(normalized) : DefaultMinorUnits;
}
