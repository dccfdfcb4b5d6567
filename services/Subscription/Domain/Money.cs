using System.Globalization;

namespace BillingOne.Subscription.Domain;

/// <summary>An amount in an ISO 4217 currency. Decimal, never floating point, so prices add up to the cent.</summary>
public sealed record Money(decimal Amount, string Currency)
{
    /// <summary>Every currency some region of the runtime's culture data uses (AUD, NZD, USD, GBP, EUR, ...).</summary>
    private static readonly HashSet<string> KnownCurrencies = CultureInfo.GetCultures(CultureTypes.SpecificCultures)
        .Select(culture => new RegionInfo(culture.Name).ISOCurrencySymbol)
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>True when <paramref name="code"/> is an upper-case ISO 4217 code of a currency in use.</summary>
    public static bool IsCurrencyCode(string? code) => code is { Length: 3 } && KnownCurrencies.Contains(code);
}
