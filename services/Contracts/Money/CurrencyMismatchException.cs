namespace BillingOne.Contracts.Money;

/// <summary>
/// Amounts in different currencies were combined. There is no exchange rate in the billing domain,
/// so this is always a programming or data error, never something to convert silently.
/// </summary>
public sealed class CurrencyMismatchException(string expected, string actual)
    : InvalidOperationException($"Cannot combine {expected} with {actual}: amounts must be in the same currency.")
{
    public string Expected { get; } = expected;
    public string Actual { get; } = actual;
}
