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

    /// <summary>Missed billing: "—" when there is none (or no estimate).</summary>
    public static string Missed(decimal? amount, string? currency) =>
        amount is { } known and not 0m ? MoneyFormat.Format(known, currency) : "—";

    /// <summary>
    /// One quantity a confirmation is about to change in Pax8, e.g. "Contoso · Defender for Endpoint P1: 12 → 15 (+3)".
    /// </summary>
    public static string QuantityChange(string? client, string? product, int before, int after)
    {
        var subscription = product ?? "Pax8 subscription";
        var change = after - before;
        var delta = change > 0 ? $"+{QuantityFormat.Count(change)}" : change < 0 ? $"−{QuantityFormat.Count(-change)}" : "0";
        return $"{(client is null ? subscription : $"{client} · {subscription}")}: {QuantityFormat.Count(before)} → {QuantityFormat.Count(after)} ({delta})";
    }

    /// <summary>Until reconciliation has the client's name (its copy of clients fills as they change).</summary>
    public static string ClientName(string? name) => name ?? "Unnamed client";
}
