using System.Globalization;
using BillingOne.Contracts.Money;

namespace BillingOne.Contracts.Partner.V1;

public sealed partial class Money
{
    /// <summary>The amount with exactly its currency's minor units, as text; no currency is an empty one.</summary>
    public static Money Of(decimal amount, string? currency) => new()
    {
        Amount = Decimals.Amount(amount, currency).ToString(CultureInfo.InvariantCulture),
        Currency = currency ?? "",
    };
}
