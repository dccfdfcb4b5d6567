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
    IReadOnlyList<MonthlyRecurringRevenue> MrrHistory)
{
    /// <summary>Whether every figure is the same (amounts by value, so 30.25 equals 30.2500).</summary>
    public bool SameAs(ClientLicenseFigures other) =>
        Currency == other.Currency
        && MrrAmount == other.MrrAmount
        && ActiveSubscriptions == other.ActiveSubscriptions
        && DeviceLicenses == other.DeviceLicenses
        && UserLicenses == other.UserLicenses
        && DeviceLicenseUnitPrice == other.DeviceLicenseUnitPrice
        && MrrHistory.SequenceEqual(other.MrrHistory);
}

/// <summary>The figures, and the currencies of active subscriptions left out of the MRR (see <see cref="ClientLicenseRule"/>).</summary>
public sealed record ClientLicenseComputation(ClientLicenseFigures Figures, IReadOnlyList<string> LeftOutCurrencies);
