using System.Globalization;
using System.Text.RegularExpressions;

namespace BillingOne.Invoice.Domain;

/// <summary>
/// Reads a search text as an amount when it looks like one: <c>1250</c>, <c>1,250.00</c>, <c>$1,250.5</c>. Group
/// separators must group by three, so <c>1,25</c> is text, not 125; at most two decimals, as money is written.
/// </summary>
public static partial class AmountSearch
{
    public static decimal? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var trimmed = text.Trim();
        if (trimmed.StartsWith('$'))
        {
            trimmed = trimmed[1..].TrimStart();
        }
        if (!AmountPattern().IsMatch(trimmed))
        {
            return null;
        }
        return decimal.TryParse(trimmed.Replace(",", "", StringComparison.Ordinal), NumberStyles.AllowDecimalPoint,
            CultureInfo.InvariantCulture, out var amount) ? amount : null;
    }

    [GeneratedRegex(@"^(\d{1,3}(,\d{3})+|\d+)(\.\d{1,2})?$", RegexOptions.CultureInvariant)]
    private static partial Regex AmountPattern();
}
