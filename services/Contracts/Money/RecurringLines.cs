namespace BillingOne.Contracts.Money;

/// <summary>
/// MRR and the subscription lines it is made of (docs/domain.md, Licences): a line's monthly value is
/// price × quantity ÷ the months its term covers, computed exactly and rounded once as a line; MRR is the sum of the
/// rounded lines. The one definition every service's MRR figure is computed with.
/// </summary>
public static class RecurringLines
{
    /// <summary>
    /// <paramref name="unitPrice"/> (per unit and per term) × <paramref name="quantity"/> ÷
    /// <paramref name="monthsPerTerm"/>, rounded once to the currency's minor units, half away from zero. Divided by the
    /// months, never multiplied by 1/months: 1m/12 is truncated, so 15 × 213.18 / 12 = 266.475 would come out
    /// 266.47499… and round to 266.47 instead of 266.48.
    /// </summary>
    public static Money MonthlyValue(Money unitPrice, int quantity, int monthsPerTerm)
    {
        ArgumentNullException.ThrowIfNull(unitPrice);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(monthsPerTerm);
        return new Money(unitPrice.Amount * quantity / monthsPerTerm, unitPrice.Currency).RoundedLine();
    }

    /// <summary>
    /// MRR in <paramref name="currency"/>: the sum of the lines' rounded monthly values, with the currency's minor units
    /// (0.00 without a line; the lines are rounded already, so the padding moves nothing).
    /// </summary>
    public static Money Mrr(IEnumerable<Money> monthlyValues, string currency) =>
        Money.Sum(monthlyValues, currency).RoundedLine();

    /// <summary>The status of a subscription Pax8 calls active, as the events spell it.</summary>
    public const string ActiveStatus = "active";

    /// <summary>
    /// Whether a line earns MRR at <paramref name="now"/>: Pax8 lists it (not removed), says it is active, and it has
    /// started. The MRR of a month that has not ended yet is the MRR of the lines active now, on every screen (the
    /// dashboard, Clients, the MRR history's current month, the financial summary and subscription analytics), so the
    /// current month never counts a subscription bought ahead before its start (docs/domain.md, "Licences: MRR").
    /// </summary>
    public static bool IsActiveAt(string status, DateTimeOffset? removedAt, DateTimeOffset startDate,
        DateTimeOffset now) => status == ActiveStatus && removedAt is null && startDate <= now;
}
