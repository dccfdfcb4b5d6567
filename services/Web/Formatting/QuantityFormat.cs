using System.Globalization;

namespace BillingOne.Web.Formatting;

/// <summary>Metered quantities (units, usage, commitments): grouped, up to four decimals, no trailing zeros.</summary>
public static class QuantityFormat
{
    public static string Format(decimal quantity) =>
        quantity.ToString("#,0.####", CultureInfo.InvariantCulture);

    /// <summary>A share such as 87.5 % (one decimal).</summary>
    public static string Percent(decimal percent) =>
        percent.ToString("#,0.#", CultureInfo.InvariantCulture) + " %";
}
