using BillingOne.Contracts.Money;

namespace BillingOne.Web.Formatting;

/// <summary>
/// Numbers that are not money: metered quantities with their unit type's precision, counts and shares, with the
/// digits of the services' one rule (<see cref="Decimals"/>), grouped the same way on every page and
/// culture-invariant so every user and every test sees the same text.
/// </summary>
public static class QuantityFormat
{
    /// <summary>Usage and other measured quantities, to exactly <paramref name="precision"/> decimals: 437.50, 1,200.</summary>
    public static string Format(decimal quantity, int precision) =>
        DecimalText.Grouped(Decimals.Fixed(quantity, precision));

    /// <summary>
    /// A commitment, which a person set: <paramref name="precision"/> decimals at least, more when it was set with
    /// them, so the page never shows a rounded commitment.
    /// </summary>
    public static string FormatCommit(decimal units, int precision) =>
        DecimalText.Grouped(Decimals.AtLeast(units, precision));

    /// <summary>
    /// A quantity that comes without its unit type's precision (a billing reading's usage): grouped, with the digits
    /// the service answered, so nothing billed is shown rounded.
    /// </summary>
    public static string FormatAsAnswered(decimal quantity) => DecimalText.Grouped(quantity);

    /// <summary>A count of things: 1,234.</summary>
    public static string Count(long count) => DecimalText.Grouped(count);

    /// <summary>A share, always to one decimal so a column of them lines up: 87.5 %, 100.0 %.</summary>
    public static string Percent(decimal percent) => DecimalText.Grouped(Decimals.Percent(percent)) + " %";
}
