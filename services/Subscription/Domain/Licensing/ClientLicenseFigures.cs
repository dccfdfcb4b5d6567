using BillingOne.Contracts.Events;

namespace BillingOne.Subscription.Domain.Licensing;

/// <summary>A client's licence side, as <see cref="ClientLicensesChanged"/> carries it (see there for each figure).</summary>
public sealed record ClientLicenseFigures(
    string? Currency,
    decimal MrrAmount,
    int ActiveSubscriptions,
    int DeviceLicenses,
    int UserLicenses,
    decimal? DeviceLicenseUnitPrice,
    IReadOnlyList<MonthlyRecurringRevenue> MrrHistory,
    IReadOnlyList<ClientSubscriptionLine>? Subscriptions = null,
    IReadOnlyList<CoveringProduct>? Products = null)
{
    /// <summary>
    /// Whether every figure and subscription line is the same (amounts by value, so 30.25 equals 30.2500): a change seen
    /// only in the list (a product renamed, a cancelled subscription's end day) is published too.
    /// </summary>
    public bool SameAs(ClientLicenseFigures other) =>
        Currency == other.Currency
        && MrrAmount == other.MrrAmount
        && ActiveSubscriptions == other.ActiveSubscriptions
        && DeviceLicenses == other.DeviceLicenses
        && UserLicenses == other.UserLicenses
        && DeviceLicenseUnitPrice == other.DeviceLicenseUnitPrice
        && MrrHistory.SequenceEqual(other.MrrHistory)
        && (Subscriptions ?? []).SequenceEqual(other.Subscriptions ?? [])
        && (Products ?? []).SequenceEqual(other.Products ?? []);
}

/// <summary>The figures, and the currencies of active subscriptions left out of the MRR (see <see cref="ClientLicenseRule"/>).</summary>
public sealed record ClientLicenseComputation(ClientLicenseFigures Figures, IReadOnlyList<string> LeftOutCurrencies);
