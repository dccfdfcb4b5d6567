using BillingOne.Web.Formatting;

namespace BillingOne.Web.ReconciliationList;

/// <summary>The comparison's figures in words: what is unknown without a snapshot reads "—".</summary>
public static class ReconciliationText
{
    public static string Count(int? count) => count is { } known ? QuantityFormat.Count(known) : "—";

    /// <summary>Signed, so under-licensing (positive) reads as devices to license: +3, −2, 0.</summary>
    public static string Variance(int? variance) => variance switch
    {
        null => "—",
        > 0 => $"+{QuantityFormat.Count(variance.Value)}",
        < 0 => $"−{QuantityFormat.Count(-variance.Value)}",
        _ => "0",
    };

    public static string Money(decimal? amount, string? currency) =>
        amount is { } known ? MoneyFormat.Format(known, currency) : "—";
}
