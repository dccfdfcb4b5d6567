using BillingOne.Contracts.Money;
using BillingOne.Subscription.Connectors.Pax8;
using BillingOne.Subscription.Data;
using BillingOne.Subscription.Domain;

namespace BillingOne.Subscription.Apis;

/// <summary>An amount with its currency, rounded to the currency's minor units where it is a line.</summary>
public sealed record MoneyResponse(decimal Amount, string Currency)
{
    public static MoneyResponse From(Money money) => new(money.Amount, money.Currency);
}

/// <summary>
/// A Pax8 subscription. <c>total</c> = quantity × unit price for one billing term; <c>monthlyValue</c> is what it adds
/// to MRR (nothing for one-time purchases and trials). Start and end are the UTC dates Pax8 gives.
/// <c>clientId</c>/<c>clientName</c> are null while its company is not mapped to a client.
/// </summary>
public sealed record SubscriptionResponse(
    Guid Id,
    Guid? ClientId,
    string? ClientName,
    Guid CompanyId,
    string CompanyName,
    Guid ProductId,
    string ProductName,
    string VendorName,
    string? Sku,
    string? LicenceUnit,
    int Quantity,
    MoneyResponse UnitPrice,
    MoneyResponse Total,
    MoneyResponse MonthlyValue,
    string BillingTerm,
    string Status,
    DateOnly StartDate,
    DateOnly? EndDate,
    DateTimeOffset UpdatedAt)
{
    public static SubscriptionResponse From(SubscriptionView view)
    {
        var unitPrice = new Money(view.UnitPrice, view.Currency);
        var term = KebabNames.Parse<Pax8BillingTerm>(view.BillingTerm);
        return new SubscriptionResponse(view.Id, view.ClientId, view.ClientName, view.CompanyId, view.CompanyName,
            view.ProductId, view.ProductName, view.VendorName, view.Sku, view.LicenceUnit, view.Quantity,
            new MoneyResponse(Decimals.UnitPrice(view.UnitPrice, view.Currency), unitPrice.Currency),
            MoneyResponse.From(SubscriptionLine.Total(view.Quantity, unitPrice)),
            MoneyResponse.From(SubscriptionLine.MonthlyValue(view.Quantity, unitPrice, term)),
            view.BillingTerm, view.Status, DateOnly.FromDateTime(view.StartDate.UtcDateTime),
            view.EndDate is { } end ? DateOnly.FromDateTime(end.UtcDateTime) : null, view.UpdatedAt);
    }
}
