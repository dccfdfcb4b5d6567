using BillingOne.Contracts.Money;
using BillingOne.Subscription.Connectors.Pax8;

namespace BillingOne.Subscription.Domain;

/// <summary>
/// The money of one subscription: its total per billing term (quantity × unit price) and its monthly value, the
/// share of MRR it contributes (design §6: MRR = Σ active subscriptions' quantity × monthly-normalized price). Each is
/// rounded once, as a line; a one-time purchase or a trial contributes nothing monthly.
/// </summary>
public static class SubscriptionLine
{
    public static Money Total(int quantity, Money unitPrice) => (unitPrice * quantity).RoundedLine();

    // Divided by the months, never multiplied by 1/months: 1m/12 is truncated, so 41 × 213.18 / 12 = 728.365 would
    // come out 728.36499… and round to 728.36 instead of 728.37.
    public static Money MonthlyValue(int quantity, Money unitPrice, Pax8BillingTerm term) =>
        MonthsPerTerm(term) is { } months
            ? new Money(unitPrice.Amount * quantity / months, unitPrice.Currency).RoundedLine()
            : Money.Zero(unitPrice.Currency);

    /// <summary>How many months one price covers; null for terms that recur no monthly charge.</summary>
    public static int? MonthsPerTerm(Pax8BillingTerm term) => term switch
    {
        Pax8BillingTerm.Monthly => 1,
        Pax8BillingTerm.Annual => 12,
        Pax8BillingTerm.TwoYear => 24,
        Pax8BillingTerm.ThreeYear => 36,
        Pax8BillingTerm.OneTime or Pax8BillingTerm.Trial => null,
        _ => throw new ArgumentOutOfRangeException(nameof(term), term, "Unknown billing term."),
    };
}
