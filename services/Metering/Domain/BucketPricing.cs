using BillingOne.Contracts.Money;

namespace BillingOne.Metering.Domain;

/// <summary>
/// What a bucket's two prices mean, as every form, API description and export names them (docs/domain.md, "Cost of a
/// bucket"): the base price buys the whole commit for one period, the overage price is per unit beyond it.
/// </summary>
public static class PriceLabels
{
    public const string CommitPrice = "Commit price per period: the price of the whole commit for one billing period";

    public const string OveragePrice = "Overage price per unit: the price of each unit beyond the commit";

    public const string Shown = "the currency's minor units at least, more when the price has them (0.0125)";
}

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
