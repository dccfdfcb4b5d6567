using BillingOne.Contracts.Money;

namespace BillingOne.Metering.Domain;

/// <summary>
/// A bucket's commercial terms: the client pays <see cref="BasePrice"/> for <see cref="CommitUnits"/>
/// units per period and <see cref="OveragePricePerUnit"/> for every unit above the commit.
/// </summary>
public sealed record BucketPricing
{
    public BucketPricing(Money basePrice, decimal commitUnits, Money overagePricePerUnit)
    {
        ArgumentNullException.ThrowIfNull(basePrice);
        ArgumentNullException.ThrowIfNull(overagePricePerUnit);
        if (basePrice.Amount < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(basePrice), basePrice, "The base price cannot be negative.");
        }
        if (overagePricePerUnit.Amount < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(overagePricePerUnit), overagePricePerUnit, "The overage price cannot be negative.");
        }
        ArgumentOutOfRangeException.ThrowIfNegative(commitUnits);
        if (basePrice.Currency != overagePricePerUnit.Currency)
        {
            throw new CurrencyMismatchException(basePrice.Currency, overagePricePerUnit.Currency);
        }

        BasePrice = basePrice;
        CommitUnits = commitUnits;
        OveragePricePerUnit = overagePricePerUnit;
    }

    public Money BasePrice { get; }

    public decimal CommitUnits { get; }

    public Money OveragePricePerUnit { get; }

    public string Currency => BasePrice.Currency;
}
