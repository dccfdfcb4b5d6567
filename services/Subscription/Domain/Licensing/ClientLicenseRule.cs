using BillingOne.Contracts.Events;
using BillingOne.Contracts.Money;

namespace BillingOne.Subscription.Domain.Licensing;

/// <summary>
/// A client's licence side from the subscriptions of the Pax8 companies mapped to it (docs/domain.md). Active means
/// <see cref="LicensedSubscription.IsActiveAt"/> now, so a subscription bought ahead enters the figures at the first
/// recomputation on or after its start date (a sync or a mapping, catalog or client change; none runs on a timer).
/// <list type="bullet">
/// <item>MRR = Σ active subscriptions' monthly value, each line rounded once. There is no exchange rate, so when the
/// active subscriptions are in several currencies the MRR is in the one with the largest monthly value (ties: the
/// first code alphabetically) and the others are left out (reported in <see cref="ClientLicenseComputation.LeftOutCurrencies"/>).</item>
/// <item>Device and user licences = Σ quantity of active subscriptions whose product counts per device / per user,
/// in any currency.</item>
/// <item>Device licence unit price = the quantity-weighted average monthly unit price of the active per-device
/// subscriptions in the MRR's currency, to 4 decimals.</item>
/// <item>Covering products (docs/domain.md "Licences: coverage per product") = each product of the active
/// subscriptions that covers users or devices, with Σ quantity and its monthly unit price: quantity-weighted over its
/// subscriptions in the currency of most of its seats, to 4 decimals. Reconciliation compares each with the devices it
/// covers; device licences above sum different products and are not compared with devices.</item>
/// <item>MRR history = the MRR at the end of each of the last 12 calendar months (UTC), oldest first and the current
/// month last, counting each subscription <see cref="LicensedSubscription.LiveAt"/> that month's end; the current
/// month, not ended yet, is the MRR now (<see cref="RecurringLines.IsActiveAt"/>). Without an
/// active subscription (no MRR currency) the history is in the currency whose subscriptions it counts most of.</item>
/// </list>
/// </summary>
public static class ClientLicenseRule
{
    public const int HistoryMonths = 12;
    public const int UnitPriceDecimals = 4;

    public static ClientLicenseComputation Compute(IReadOnlyList<LicensedSubscription> subscriptions, DateTimeOffset now)
    {
        var active = subscriptions.Where(subscription => subscription.IsActiveAt(now)).ToList();
        var activeByCurrency = Largest(active);
        var monthEnds = MonthEnds(now);
        var currency = activeByCurrency.FirstOrDefault().Currency;
        var historyCurrency = currency
            ?? Largest(subscriptions.Where(subscription => monthEnds.Any(end => subscription.LiveAt(end.End)))).FirstOrDefault().Currency;

        var history = monthEnds
            .Select(month => new MonthlyRecurringRevenue(month.Year, month.Month, Total(month.End > now
                ? active
                : subscriptions.Where(subscription => subscription.LiveAt(month.End)), historyCurrency)))
            .ToList();
        var figures = new ClientLicenseFigures(
            currency,
            Total(active, currency),
            active.Count,
            QuantityOf(active, LicenceUnits.Device),
            QuantityOf(active, LicenceUnits.User),
            DeviceLicenseUnitPrice(active, currency),
            history,
            Products: CoveringProducts(active));
        return new ClientLicenseComputation(figures, [.. activeByCurrency.Skip(1).Select(total => total.Currency)]);
    }

    /// <summary>The currencies of <paramref name="subscriptions"/>, largest monthly value first.</summary>
    private static List<(string Currency, decimal Amount)> Largest(IEnumerable<LicensedSubscription> subscriptions) =>
        [.. subscriptions
            .GroupBy(subscription => subscription.UnitPrice.Currency, StringComparer.Ordinal)
            .Select(group => (Currency: group.Key, RecurringLines.Mrr(group.Select(subscription => subscription.MonthlyValue), group.Key).Amount))
            .OrderByDescending(total => total.Amount)
            .ThenBy(total => total.Currency, StringComparer.Ordinal)];

    /// <summary>Σ monthly values in <paramref name="currency"/>, in its minor units; 0 without a currency.</summary>
    private static decimal Total(IEnumerable<LicensedSubscription> subscriptions, string? currency) => currency is null
        ? Decimals.Amount(0m, null)
        : RecurringLines.Mrr(subscriptions.Where(subscription => subscription.UnitPrice.Currency == currency)
            .Select(subscription => subscription.MonthlyValue), currency).Amount;

    private static int QuantityOf(IEnumerable<LicensedSubscription> active, string unit) =>
        active.Where(subscription => subscription.LicenceUnit == unit).Sum(subscription => subscription.Quantity);

    private static decimal? DeviceLicenseUnitPrice(IEnumerable<LicensedSubscription> active, string? currency)
    {
        var priced = active
            .Where(subscription => subscription.LicenceUnit == LicenceUnits.Device)
            .Select(subscription => (subscription.Quantity, Price: subscription.MonthlyUnitPrice))
            .Where(line => line.Price is { } price && price.Currency == currency)
            .ToList();
        var quantity = priced.Sum(line => line.Quantity);
        return quantity == 0
            ? null
            : Decimals.Fixed(priced.Sum(line => line.Quantity * line.Price!.Amount) / quantity, UnitPriceDecimals);
    }

    private static List<CoveringProduct> CoveringProducts(IEnumerable<LicensedSubscription> active) =>
        [.. active
            .Where(subscription => subscription.Coverage is not null)
            .GroupBy(subscription => subscription.ProductId)
            .Select(product =>
            {
                var first = product.First();
                var priced = product
                    .Where(subscription => subscription.MonthlyUnitPrice is not null)
                    .GroupBy(subscription => subscription.MonthlyUnitPrice!.Currency, StringComparer.Ordinal)
                    .OrderByDescending(currency => currency.Sum(subscription => subscription.Quantity))
                    .ThenBy(currency => currency.Key, StringComparer.Ordinal)
                    .FirstOrDefault();
                var seats = priced?.Sum(subscription => subscription.Quantity) ?? 0;
                decimal? price = priced is null || seats == 0
                    ? null
                    : Decimals.Fixed(priced.Sum(subscription => subscription.Quantity
                        * subscription.MonthlyUnitPrice!.Amount) / seats, UnitPriceDecimals);
                return new CoveringProduct(product.Key, first.ProductName, first.Coverage!,
                    product.Sum(subscription => subscription.Quantity), price, price is null ? null : priced!.Key);
            })
            .OrderBy(product => product.ProductName, StringComparer.OrdinalIgnoreCase)
            .ThenBy(product => product.ProductId)];

    /// <summary>The last <see cref="HistoryMonths"/> calendar months (UTC), oldest first, each with its end: the first instant of the next month.</summary>
    private static List<(int Year, int Month, DateTimeOffset End)> MonthEnds(DateTimeOffset now)
    {
        var utc = now.ToUniversalTime();
        var current = new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero);
        return [.. Enumerable.Range(0, HistoryMonths)
            .Select(index => current.AddMonths(index - HistoryMonths + 1))
            .Select(start => (start.Year, start.Month, start.AddMonths(1)))];
    }
}
