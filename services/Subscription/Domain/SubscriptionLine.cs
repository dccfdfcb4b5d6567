using BillingOne.Contracts.Money;
using BillingOne.Subscription.Connectors.Pax8;

namespace BillingOne.Subscription.Domain;

/// <summary>
/// The money of one subscription: its total per billing term (quantity × unit price) and its monthly value, the
/// share of MRR it contributes (docs/domain.md: MRR = Σ active subscriptions' quantity × monthly price). Each is
/// rounded once, as a line; a one-time purchase or a trial contributes nothing monthly.
/// </summary>
public static class SubscriptionLine
{
    public static Money Total(int quantity, Money unitPrice) => (unitPrice * quantity).RoundedLine();

    /// <summary>The line's share of MRR by <see cref="RecurringLines.MonthlyValue"/>; 0 for a term with no monthly charge.</summary>
    public static Money MonthlyValue(int quantity, Money unitPrice, Pax8BillingTerm term) =>
        MonthsPerTerm(term) is { } months
            ? RecurringLines.MonthlyValue(unitPrice, quantity, months)
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
