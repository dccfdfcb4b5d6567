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
}
