using System.Globalization;

namespace BillingOne.Web.Formatting;

/// <summary>
/// Numbers that are not money: metered quantities, counts and shares, grouped the same way on every page and
/// culture-invariant so every user and every test sees the same text.
/// </summary>
public static class QuantityFormat
{
    /// <summary>
    /// The most decimals a metered quantity shows. Unit types carry no precision of their own yet, so this is the
    /// finest any of them is measured in; trailing zeros are left off.
    /// </summary>
    public const int MaxDecimals = 4;

    private static readonly string QuantityPattern = "#,0." + new string('#', MaxDecimals);

    /// <summary>Units, usage, commitments: 437.5, 1,200, 0.0125.</summary>
    public static string Format(decimal quantity) =>
        quantity.ToString(QuantityPattern, CultureInfo.InvariantCulture);

    /// <summary>A count of things: 1,234.</summary>
    public static string Count(long count) => count.ToString("#,0", CultureInfo.InvariantCulture);

    /// <summary>A share, always to one decimal so a column of them lines up: 87.5 %, 100.0 %.</summary>
    public static string Percent(decimal percent) =>
        percent.ToString("#,0.0", CultureInfo.InvariantCulture) + " %";
}
