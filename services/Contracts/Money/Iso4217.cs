using System.Diagnostics.CodeAnalysis;

namespace BillingOne.Contracts.Money;

/// <summary>
/// ISO-4217 currency codes and their minor units (digits after the decimal point). Rounding a line to
/// anything other than the currency's minor units would bill amounts that cannot be paid, so every
/// <see cref="Money"/> goes through here, and only a code the standard lists as current is a currency.
/// </summary>
public static class Iso4217
{
    /// <summary>
    /// Minor units of an amount without a known currency (one shown before its currency is known): ISO-4217's
    /// most common value.
    /// </summary>
    public const int DefaultMinorUnits = 2;

    // ISO-4217 List One: the current currencies and funds codes, by minor units, and the codes withdrawn in the last
    // few years (ANG, BGN, HRK, SLL, ZWL): vendors' older invoices and subscriptions still carry them. The precious
    // metals, SDR/fund units and testing codes (XAG, XAU, XBA–XBD, XDR, XPD, XPT, XSU, XTS, XUA, XXX) are absent:
    // they have no minor unit to round to, so they are not billing currencies.
    private static readonly Dictionary<string, int> MinorUnitsByCode = new Dictionary<int, string[]>
    {
        [0] =
        [
            "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV", "XAF",
            "XOF", "XPF",
        ],
        [2] =
        [
            "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BGN", "BMD", "BND", "BOB",
            "BOV", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHE", "CHF", "CHW", "CNY", "COP", "COU",
            "CRC", "CUC", "CUP", "CVE", "CZK", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP",
            "GEL", "GHS", "GIP", "GMD", "GTQ", "GYD", "HKD", "HNL", "HRK", "HTG", "HUF", "IDR", "ILS", "INR", "IRR", "JMD",
            "KES", "KGS", "KHR", "KPW", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL", "MAD", "MDL", "MGA", "MKD",
            "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MXV", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK",
            "NPR", "NZD", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "QAR", "RON", "RSD", "RUB", "SAR", "SBD", "SCR",
            "SDG", "SEK", "SGD", "SHP", "SLE", "SLL", "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB", "TJS", "TMT",
            "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "USD", "USN", "UYU", "UZS", "VED", "VES", "WST", "XCD", "XCG",
            "YER", "ZAR", "ZMW", "ZWG", "ZWL",
        ],
        [3] = ["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"],
        [4] = ["CLF", "UYW"],
    }.SelectMany(group => group.Value, (group, code) => (Code: code, Digits: group.Key))
        .ToDictionary(entry => entry.Code, entry => entry.Digits, StringComparer.Ordinal);

    /// <summary>
    /// Returns the canonical (upper-case) code, or throws <see cref="ArgumentException"/> with
    /// <see cref="RefusalMessage"/> when <paramref name="code"/> is not a current ISO-4217 currency.
    /// </summary>
    public static string Normalize(string code) =>
        TryNormalize(code, out var normalized) ? normalized : throw new ArgumentException(RefusalMessage(code), nameof(code));

    public static bool TryNormalize(string? code, out string normalized)
    {
        normalized = string.Empty;
        if (!IsThreeAsciiLetters(code))
        {
            return false;
        }
        var upper = code.ToUpperInvariant();
        if (!MinorUnitsByCode.ContainsKey(upper))
        {
            return false;
        }
        normalized = upper;
        return true;
    }

    /// <summary>
    /// Why <paramref name="code"/> is not a currency, for an error message: not shaped like a code at all, or shaped
    /// like one but not a current ISO-4217 currency.
    /// </summary>
    public static string RefusalMessage(string? code) => IsThreeAsciiLetters(code)
        ? $"'{code}' is not a known ISO-4217 currency code: expected a current currency such as AUD, USD or EUR."
        : $"'{code}' is not an ISO-4217 currency code: expected three letters such as AUD, USD or EUR.";

    /// <summary>Number of decimal places an amount in <paramref name="code"/> is billed with.</summary>
    public static int MinorUnits(string code) => MinorUnitsByCode[Normalize(code)];

    /// <summary>
    /// Minor units of <paramref name="code"/>, or <see cref="DefaultMinorUnits"/> when there is no valid code to
    /// take them from (an amount shown before its currency is known).
    /// </summary>
    public static int MinorUnitsOrDefault(string? code) =>
        TryNormalize(code, out var normalized) ? MinorUnitsByCode[normalized] : DefaultMinorUnits;

    // ASCII only: upper-casing some other letters yields an ASCII one ('ı' → 'I'), which would let "ıNR" pass as INR.
    private static bool IsThreeAsciiLetters([NotNullWhen(true)] string? code) =>
        code is { Length: 3 } && code.All(char.IsAsciiLetter);
}
