namespace BillingOne.Contracts.Money;

/// <summary>
/// The one rule for the numbers people read, in API answers and on pages alike: money with its currency's minor
/// units (<c>12.50</c>, JPY <c>1200</c>), quantities with their unit type's precision, percentages with one
/// decimal (<c>87.5</c>, <c>100.0</c>). Each method returns a decimal whose scale is exactly those digits, which
/// System.Text.Json writes as they are, so an answer never says <c>0</c> in one place and <c>0.00</c> in another.
/// </summary>
/// <remarks>
/// Measured and calculated figures (usage, cost, percentages) are rounded half away from zero. Configured values
/// (unit prices, commitments) are only padded, never rounded: they show at least the usual digits and any finer
/// digits they were set with, so what a client sets reads back unchanged.
/// </remarks>
public static class Decimals
{
    public const int PercentDecimals = 1;

    /// <summary>The most digits a decimal can have after the point.</summary>
    public const int MaxDecimals = 28;

    /// <summary>
    /// <paramref name="value"/> rounded half away from zero to exactly <paramref name="decimals"/> digits after the
    /// point: (12.5, 2) → 12.50, (0.125, 2) → 0.13, (1199.6, 0) → 1200.
    /// </summary>
    public static decimal Fixed(decimal value, int decimals)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(decimals, MaxDecimals);
        return Padded(Math.Round(value, decimals, MidpointRounding.AwayFromZero), decimals);
    }

    /// <summary>
    /// <paramref name="value"/> unrounded with at least <paramref name="decimals"/> digits after the point and no
    /// trailing zeros beyond them: (100.0000, 2) → 100.00, (0.012500, 2) → 0.0125, (10.5, 0) → 10.5.
    /// </summary>
    public static decimal AtLeast(decimal value, int decimals)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(decimals, MaxDecimals);
        var trimmed = value;
        // Rounding to one digit fewer only drops the digit when it is a trailing zero, which leaves the value as it is.
        while (trimmed.Scale > decimals && decimal.Round(trimmed, trimmed.Scale - 1) == trimmed)
        {
            trimmed = decimal.Round(trimmed, trimmed.Scale - 1);
        }
        return Padded(trimmed, decimals);
    }

    /// <summary>An amount of money (a line, a total) in whole minor units of its currency.</summary>
    /// <param name="currency">ISO-4217 code; a missing or unknown one takes <see cref="Iso4217.DefaultMinorUnits"/>.</param>
    public static decimal Amount(decimal amount, string? currency) =>
        Fixed(amount, Iso4217.MinorUnitsOrDefault(currency));

    /// <summary>
    /// A price per unit, which may be finer than the currency's minor unit (AUD 0.0125 per GB): configured, so
    /// <see cref="AtLeast"/> the currency's minor units.
    /// </summary>
    public static decimal UnitPrice(decimal price, string? currency) =>
        AtLeast(price, Iso4217.MinorUnitsOrDefault(currency));

    /// <summary>
    /// The most digits after the point a percentage is answered with: more than any comparison needs, and few enough to
    /// keep a decimal division's noise out (185.99999999999999999999999999 where the figure is 186).
    /// </summary>
    public const int PercentMaxDecimals = 6;

    /// <summary>
    /// A percentage as the API answers it: at full precision, with at least <see cref="PercentDecimals"/> and at most
    /// <see cref="PercentMaxDecimals"/> digits after the point (rounded half away from zero): 186.0, 66.666667.
    /// </summary>
    public static decimal ApiPercent(decimal percent) => AtLeast(Fixed(percent, PercentMaxDecimals), PercentDecimals);

    /// <summary>
    /// A percentage rounded to <see cref="PercentDecimals"/> for display: 87.5, 100.0. The API answers percentages at
    /// full precision (<see cref="AtLeast"/> this many decimals); only the UI rounds them (docs/domain.md, "Money and
    /// rounding").
    /// </summary>
    public static decimal Percent(decimal percent) => Fixed(percent, PercentDecimals);

    // Adding a zero of scale n gives the larger of both scales; the value is never finer than n here.
    private static decimal Padded(decimal value, int decimals) =>
        value + new decimal(0, 0, 0, isNegative: false, scale: (byte)decimals);
}
