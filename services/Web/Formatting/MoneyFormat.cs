using BillingOne.Contracts.Money;

namespace BillingOne.Web.Formatting;

/// <summary>
/// Shows money as "AUD 1,234.50": the ISO 4217 code (never an ambiguous "$") and the digits of the services' one
/// rule (<see cref="Decimals"/>), so a page shows what the API answers. Culture-invariant so every user and every
/// test sees the same text.
/// </summary>
public static class MoneyFormat
{
    /// <summary>An amount with grouping, its currency's minor units and the code; without a currency, the amount alone.</summary>
    public static string Format(decimal amount, string? currency) =>
        WithCurrency(DecimalText.Grouped(Decimals.Amount(amount, currency)), currency);

    /// <summary>
    /// A price per unit, which may be finer than the currency's minor unit (AUD 0.0125 per GB): the currency's
    /// decimals at least, more when the price has them.
    /// </summary>
    public static string FormatUnitPrice(decimal amount, string? currency) =>
        WithCurrency(DecimalText.Grouped(Decimals.UnitPrice(amount, currency)), currency);

    private static string WithCurrency(string number, string? currency) =>
        string.IsNullOrWhiteSpace(currency) ? number : $"{currency.ToUpperInvariant()} {number}";
}
