using BillingOne.Contracts.Money;

namespace BillingOne.Projection.Domain;

/// <summary>
/// A client's position on the Over/Under screen in a finalized period, from all its buckets' final usage against their
/// commits (a bucket is over when its usage exceeds the commit, under when it falls short).
/// </summary>
public static class ClientCommitStatuses
{
    /// <summary>At least one bucket over and none under: an upsell conversation.</summary>
    public const string OverCommit = "over-commit";

    /// <summary>At least one bucket under and none over: paying for capacity not used, a retention risk.</summary>
    public const string UnderCommit = "under-commit";

    /// <summary>Both over and under buckets.</summary>
    public const string Mixed = "mixed";

    /// <summary>No bucket over or under.</summary>
    public const string OnCommit = "on-commit";

    /// <summary>The statuses the Over/Under screen filters by (absent = every client).</summary>
    public static readonly IReadOnlyList<string> Filters = [OverCommit, UnderCommit, Mixed];
}

/// <summary>Which currency figures that add money across buckets are given in.</summary>
public static class MainCurrency
{
    /// <summary>
    /// The currency of most buckets (<paramref name="buckets"/> counts them per currency); a tie goes to the first
    /// alphabetically. Null without buckets.
    /// </summary>
    public static string? Of(IEnumerable<(string Currency, long Buckets)> buckets) => buckets
        .Where(currency => currency.Buckets > 0)
        .OrderByDescending(currency => currency.Buckets)
        .ThenBy(currency => currency.Currency, StringComparer.Ordinal)
        .Select(currency => currency.Currency)
        .FirstOrDefault();
}

/// <summary>How the analytics express one figure against another.</summary>
public static class AnalyticsFigures
{
    /// <summary>
    /// <paramref name="part"/> / <paramref name="whole"/> × 100 at full precision (<see cref="Decimals.ApiPercent"/>,
    /// up to 6 decimals; the UI rounds it); null for a zero whole.
    /// </summary>
    public static decimal? Percent(decimal part, decimal whole) =>
        whole == 0 ? null : Decimals.ApiPercent(part / whole * 100m);

    /// <summary>A share of a total in percent as <see cref="Percent"/>; 0.0 of a zero total (nothing to share).</summary>
    public static decimal Share(decimal part, decimal total) =>
        Percent(part, total) ?? Decimals.ApiPercent(0m);
}
