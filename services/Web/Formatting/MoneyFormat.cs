using System.Globalization;

namespace BillingOne.Web.Formatting;

/// <summary>
/// Shows money as "AUD 1,234.50": the ISO 4217 code (never an ambiguous "$") and the currency's own number
/// of minor units. Formatting is culture-invariant so every user and every test sees the same text.
/// </summary>
public static class MoneyFormat
{
    // ISO 4217 currencies whose minor unit is not cents; every other code uses two decimals.
    private static readonly HashSet<string> NoMinorUnit = new(StringComparer.OrdinalIgnoreCase)
    {
        "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV", "XAF",
        "XOF", "XPF",
    };

    private static readonly HashSet<string> ThreeMinorUnits = new(StringComparer.OrdinalIgnoreCase)
    {
        "BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND",
    };

    /// <summary>The most decimals a unit price has (metering stores overage prices to six).</summary>
    public const int UnitPriceDecimals = 6;

    public static int MinorUnits(string? currency) =>
        currency is null ? 2
        : NoMinorUnit.Contains(currency) ? 0
        : ThreeMinorUnits.Contains(currency) ? 3
        : 2;

    /// <summary>Amount with grouping and the currency code; without a currency, the amount alone.</summary>
    public static string Format(decimal amount, string? currency)
    {
        var number = Round(amount, currency)
            .ToString("N" + MinorUnits(currency).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return WithCurrency(number, currency);
    }

    /// <summary>
    /// The amount in whole minor units of its currency, half away from zero: what a page shows and a CSV export
    /// writes, so both agree to the cent.
    /// </summary>
    public static decimal Round(decimal amount, string? currency) =>
        Math.Round(amount, MinorUnits(currency), MidpointRounding.AwayFromZero);

    /// <summary>
    /// A price per unit, which may be finer than the currency's minor unit (AUD 0.0125 per GB): the currency's
    /// decimals at least, more when the price has them, up to <see cref="UnitPriceDecimals"/>.
    /// </summary>
    public static string FormatUnitPrice(decimal amount, string? currency)
    {
        var digits = MinorUnits(currency);
        var format = "#,0." + new string('0', digits) + new string('#', Math.Max(0, UnitPriceDecimals - digits));
        return WithCurrency(amount.ToString(format, CultureInfo.InvariantCulture), currency);
    }

    private static string WithCurrency(string number, string? currency) =>
        string.IsNullOrWhiteSpace(currency) ? number : $"{currency.ToUpperInvariant()} {number}";
}
