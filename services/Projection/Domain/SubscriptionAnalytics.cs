using BillingOne.Contracts.Money;

namespace BillingOne.Projection.Domain;

/// <summary>
/// One subscription of a client as <c>ClientLicensesChanged</c> last listed it, or of a company mapped to no client
/// (<see cref="ClientId"/> null) as <c>UnmappedSubscriptionsChanged</c> did.
/// </summary>
/// <param name="UnitPrice">Per unit and per billing term (a year's price for an annual term).</param>
public sealed record SubscriptionLineCopy(Guid? ClientId, Guid SubscriptionId, Guid ProductId, string ProductName,
    int Quantity, decimal UnitPrice, string Currency, string BillingTerm, string Status, DateTimeOffset StartDate,
    DateTimeOffset? EndDate, DateTimeOffset? RemovedAt)
{
    /// <summary>
    /// Its share of MRR by <see cref="RecurringLines.MonthlyValue"/>: quantity × price ÷ the months one price covers
    /// (12 for annual), rounded once as a line; 0 for a one-time purchase or a trial.
    /// </summary>
    public Money MonthlyValue => SubscriptionAnalytics.MonthsPerTerm(BillingTerm) is { } months
        ? RecurringLines.MonthlyValue(new Money(UnitPrice, Currency), Quantity, months)
        : Money.Zero(Currency).RoundedLine();

    /// <summary>When it stopped: its end day or when Pax8 stopped listing it, whichever came first; null while open.</summary>
    public DateTimeOffset? StoppedAt => EndDate is { } end && RemovedAt is { } removed
        ? (end < removed ? end : removed)
        : EndDate ?? RemovedAt;

    /// <summary>
    /// Whether it was live at <paramref name="instant"/>: started before it and not stopped before it. One no longer
    /// active with no end day was live at no known time, so it counts nowhere (as the subscription service's MRR history).
    /// </summary>
    public bool LiveAt(DateTimeOffset instant) =>
        Counted && StartDate < instant && (StoppedAt is not { } stopped || stopped >= instant);

    public bool Counted => Status == SubscriptionAnalytics.ActiveStatus || StoppedAt is not null;

    /// <summary>
    /// Whether it counts at the end of a month ending at <paramref name="end"/>: <see cref="LiveAt"/> that end once it
    /// has passed; for a month not ended yet, active <paramref name="now"/>, as the subscription service's MRR
    /// (<see cref="RecurringLines.IsActiveAt"/>).
    /// </summary>
    public bool CountsAtEnd(DateTimeOffset end, DateTimeOffset now) =>
        end > now ? RecurringLines.IsActiveAt(Status, RemovedAt, StartDate, now) : LiveAt(end);
}

/// <summary>Growth and churn of one calendar month in one currency.</summary>
public sealed record SubscriptionMonthFigures(BillingMonth Month, string Currency, int ActiveAtStart, int New,
    int Cancelled, decimal? ChurnRate, decimal MrrAtStart, decimal MrrAtEnd, decimal NetMrrChange);

/// <summary>A product's subscriptions live at the period's end in one currency.</summary>
public sealed record ProductFigures(Guid ProductId, string ProductName, string Currency, int Subscriptions, int Licences,
    int Clients, decimal Mrr);

/// <summary>The subscriptions of one billing term live at the period's end in one currency.</summary>
public sealed record BillingTermFigures(string BillingTerm, string Currency, int Subscriptions, int Licences, decimal Mrr);

/// <summary>
/// Subscription analytics (#19) over the calendar months of a report's period, all instants UTC. A month starts at its
/// first instant and ends at the next month's. Per month and currency: active at start = subscriptions live at its
/// start; new = started within it; cancelled = stopped (end day or removal) within it; churn rate = cancelled ÷
/// active at start, as a percentage at full precision (up to 6 decimals, the UI rounds it; null without any active at start); net MRR change = MRR at end −
/// MRR at start. Every MRR here is <see cref="RecurringLines.Mrr"/> of the lines' rounded monthly values, as the
/// subscription service's MRR. Top products and billing terms take
/// the subscriptions live at the end of the period's last month. Money is per currency, never converted.
/// </summary>
public static class SubscriptionAnalytics
{
    public const string ActiveStatus = RecurringLines.ActiveStatus;

    /// <summary>The billing terms in the order the report lists them; any other comes after, by name.</summary>
    public static readonly IReadOnlyList<string> Terms = ["monthly", "annual", "two-year", "three-year", "one-time", "trial"];

    /// <summary>How many months one price covers; null for terms that recur no monthly charge.</summary>
    public static int? MonthsPerTerm(string term) => term switch
    {
        "monthly" => 1,
        "annual" => 12,
        "two-year" => 24,
        "three-year" => 36,
        _ => null,
    };

    public static IReadOnlyList<SubscriptionMonthFigures> Months(IReadOnlyList<SubscriptionLineCopy> lines,
        IReadOnlyList<BillingMonth> months, DateTimeOffset now)
    {
        var rows = months.SelectMany(month => Currencies(lines).Select(currency =>
        {
            var (start, end) = (StartOf(month), EndOf(month));
            var inCurrency = lines.Where(line => line.Counted && line.Currency == currency).ToList();
            var activeAtStart = inCurrency.Count(line => line.LiveAt(start));
            var cancelled = inCurrency.Count(line => line.StoppedAt >= start && line.StoppedAt < end);
            var mrrAtStart = MrrAt(inCurrency, start, currency);
            var mrrAtEnd = MrrAtEnd(inCurrency, end, currency, now);
            return new SubscriptionMonthFigures(month, currency, activeAtStart,
                inCurrency.Count(line => line.StartDate >= start && line.StartDate < end), cancelled,
                activeAtStart == 0 ? null : Decimals.ApiPercent(100m * cancelled / activeAtStart), mrrAtStart, mrrAtEnd,
                Decimals.Amount(mrrAtEnd - mrrAtStart, currency));
        })).ToList();
        // A currency with nothing at all in the period has no rows.
        var shown = rows.Where(row => row.ActiveAtStart + row.New + row.Cancelled > 0 || row.MrrAtEnd != 0)
            .Select(row => row.Currency).ToHashSet(StringComparer.Ordinal);
        return [.. rows.Where(row => shown.Contains(row.Currency))];
    }

    public static IReadOnlyList<ProductFigures> Products(IReadOnlyList<SubscriptionLineCopy> lines, BillingMonth lastMonth,
        DateTimeOffset now)
    {
        var end = EndOf(lastMonth);
        return [.. lines.Where(line => line.CountsAtEnd(end, now))
            .GroupBy(line => (line.ProductId, line.Currency))
            .Select(group => new ProductFigures(group.Key.ProductId,
                group.Select(line => line.ProductName).Order(StringComparer.Ordinal).First(), group.Key.Currency,
                group.Count(), group.Sum(line => line.Quantity), group.Select(line => line.ClientId).OfType<Guid>().Distinct().Count(),
                Mrr(group, group.Key.Currency)))
            .OrderByDescending(product => product.Mrr)
            .ThenBy(product => product.ProductName, StringComparer.OrdinalIgnoreCase)
            .ThenBy(product => product.Currency, StringComparer.Ordinal)
            .ThenBy(product => product.ProductId)];
    }

    public static IReadOnlyList<BillingTermFigures> BillingTerms(IReadOnlyList<SubscriptionLineCopy> lines,
        BillingMonth lastMonth, DateTimeOffset now)
    {
        var end = EndOf(lastMonth);
        return [.. lines.Where(line => line.CountsAtEnd(end, now))
            .GroupBy(line => (line.BillingTerm, line.Currency))
            .Select(group => new BillingTermFigures(group.Key.BillingTerm, group.Key.Currency, group.Count(),
                group.Sum(line => line.Quantity), Mrr(group, group.Key.Currency)))
            .OrderBy(term => Terms.TakeWhile(known => known != term.BillingTerm).Count())
            .ThenBy(term => term.BillingTerm, StringComparer.Ordinal)
            .ThenBy(term => term.Currency, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The MRR at the end of <paramref name="month"/> per currency (those with any): the lines that count then
    /// (<see cref="SubscriptionLineCopy.CountsAtEnd"/>), as the months' MRR at end.
    /// </summary>
    public static IReadOnlyDictionary<string, decimal> MrrAtEnd(IReadOnlyList<SubscriptionLineCopy> lines,
        BillingMonth month, DateTimeOffset now) =>
        Currencies(lines).ToDictionary(currency => currency, currency => MrrAtEnd(lines, EndOf(month), currency, now),
            StringComparer.Ordinal);

    private static decimal MrrAtEnd(IEnumerable<SubscriptionLineCopy> lines, DateTimeOffset end, string currency,
        DateTimeOffset now) =>
        Mrr(lines.Where(line => line.Counted && line.Currency == currency && line.CountsAtEnd(end, now)), currency);

    private static decimal MrrAt(IEnumerable<SubscriptionLineCopy> lines, DateTimeOffset instant, string currency) =>
        Mrr(lines.Where(line => line.LiveAt(instant)), currency);

    private static decimal Mrr(IEnumerable<SubscriptionLineCopy> lines, string currency) =>
        RecurringLines.Mrr(lines.Select(line => line.MonthlyValue), currency).Amount;

    private static IEnumerable<string> Currencies(IEnumerable<SubscriptionLineCopy> lines) =>
        lines.Where(line => line.Counted).Select(line => line.Currency).Distinct().Order(StringComparer.Ordinal);

    private static DateTimeOffset StartOf(BillingMonth month) => new(month.Year, month.Month, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The next month's first instant; the last instant there is for December 9999, which has no next month.</summary>
    private static DateTimeOffset EndOf(BillingMonth month) =>
        month is { Year: 9999, Month: 12 } ? DateTimeOffset.MaxValue : StartOf(month).AddMonths(1);
}
