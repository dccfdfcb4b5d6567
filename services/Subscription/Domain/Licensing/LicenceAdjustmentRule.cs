using BillingOne.Subscription.Connectors.Pax8;

namespace BillingOne.Subscription.Domain.Licensing;

/// <summary>An active per-device subscription of a client, as a proposal weighs it.</summary>
public sealed record DeviceSubscription(Guid Id, Guid ProductId, int Quantity, Pax8BillingTerm BillingTerm);

/// <summary>
/// The change of one subscription's quantity that removes a client's device variance, as far as one subscription can:
/// <see cref="RemainingVariance"/> is what is left (devices − device licences after the change).
/// </summary>
public sealed record LicenceAdjustmentProposal(Guid SubscriptionId, Guid ProductId, int QuantityBefore,
    int ProposedQuantity, int RemainingVariance);

/// <summary>
/// Which subscription to change, and to what, so a client's device licences equal its devices. The variance is
/// devices − Σ quantity of the active per-device subscriptions (as reconciliation counts it). One subscription
/// changes, never a one-time purchase or a trial: a monthly one before a longer term (a commitment cannot shrink mid-term, and growing a monthly one
/// commits to least), then the largest, then by id. Shrinking only ever touches a monthly subscription and never
/// goes below 1, since Pax8 ends a subscription by cancelling it, not by an update to 0.
/// </summary>
public static class LicenceAdjustmentRule
{
    public static LicenceAdjustmentProposal? Propose(int devices, IReadOnlyList<DeviceSubscription> active)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(devices);
        var variance = devices - active.Sum(subscription => subscription.Quantity);
        var candidates = active
            .Where(subscription => subscription.BillingTerm is not (Pax8BillingTerm.OneTime or Pax8BillingTerm.Trial))
            .Where(subscription => variance > 0 || subscription.BillingTerm == Pax8BillingTerm.Monthly)
            .Where(subscription => variance > 0 || subscription.Quantity > 1)
            .OrderBy(subscription => subscription.BillingTerm == Pax8BillingTerm.Monthly ? 0 : 1)
            .ThenByDescending(subscription => subscription.Quantity)
            .ThenBy(subscription => subscription.Id);
        if (variance == 0 || candidates.FirstOrDefault() is not { } chosen)
        {
            return null;
        }
        var proposed = Math.Max(chosen.Quantity + variance, 1);
        return new LicenceAdjustmentProposal(chosen.Id, chosen.ProductId, chosen.Quantity, proposed,
            variance - (proposed - chosen.Quantity));
    }
}
