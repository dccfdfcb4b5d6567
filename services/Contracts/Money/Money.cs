namespace BillingOne.Contracts.Money;

/// <summary>
/// An amount in an ISO-4217 currency. Amounts stay exact (decimal, never floating point) through a
/// calculation and are rounded once per invoice line with <see cref="RoundedLine"/>; totals are sums of
/// rounded lines (<see cref="Sum"/>), so a total always equals what the lines on the page add up to.
/// </summary>
/// <remarks>
/// A sealed record rather than a struct: <c>default(Money)</c> would be an amount without a currency,
/// which no billing rule can handle. Properties are get-only so <c>with</c> cannot bypass validation.
/// </remarks>
public sealed record Money
{
    public Money(decimal amount, string currency)
    {
        Amount = amount;
        Currency = Iso4217.Normalize(currency);
    }

    public decimal Amount { get; }

    /// <summary>Upper-case ISO-4217 code.</summary>
    public string Currency { get; }

    public static Money Zero(string currency) => new(0m, currency);

    /// <summary>
    /// This amount rounded to the currency's minor units, half away from zero (0.125 AUD → 0.13,
    /// −0.125 AUD → −0.13), the rounding customers and accounting packages expect on an invoice line. The amount
    /// has exactly those digits (12.50, not 12.5), as <see cref="Decimals.Amount"/> gives them.
    /// </summary>
    public Money RoundedLine() => new(Decimals.Amount(Amount, Currency), Currency);

    /// <summary>
    /// Total of invoice lines: each line is rounded first, then added, so the total matches the lines.
    /// <paramref name="currency"/> is the total's currency (and the answer for no lines).
    /// </summary>
    public static Money Sum(IEnumerable<Money> lines, string currency)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var total = Zero(currency);
        foreach (var line in lines)
        {
            total += line.RoundedLine();
        }
        return total;
    }

    public static Money operator +(Money left, Money right)
    {
        EnsureSameCurrency(left, right);
        return new Money(left.Amount + right.Amount, left.Currency);
    }

    public static Money operator -(Money left, Money right)
    {
        EnsureSameCurrency(left, right);
        return new Money(left.Amount - right.Amount, left.Currency);
    }

    /// <summary>Price × quantity (units, a fraction of a commit…). Not rounded: round the finished line.</summary>
    public static Money operator *(Money money, decimal factor) => new(money.Amount * factor, money.Currency);

    public static Money operator *(decimal factor, Money money) => money * factor;

    public void Deconstruct(out decimal amount, out string currency)
    {
        amount = Amount;
        currency = Currency;
    }

    public override string ToString() =>
        $"{Amount.ToString(System.Globalization.CultureInfo.InvariantCulture)} {Currency}";

    private static void EnsureSameCurrency(Money left, Money right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        if (!string.Equals(left.Currency, right.Currency, StringComparison.Ordinal))
        {
            throw new CurrencyMismatchException(left.Currency, right.Currency);
        }
    }
}
