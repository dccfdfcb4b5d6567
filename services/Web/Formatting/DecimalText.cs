using System.Globalization;

namespace BillingOne.Web.Formatting;

/// <summary>Text of a number already shaped by the services' rule (<c>Contracts.Money.Decimals</c>).</summary>
internal static class DecimalText
{
    /// <summary>Grouped, with exactly the digits the value carries after the point: 1,234.50, 1,200, 87.5.</summary>
    public static string Grouped(decimal shaped) =>
        shaped.ToString("N" + shaped.Scale.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
