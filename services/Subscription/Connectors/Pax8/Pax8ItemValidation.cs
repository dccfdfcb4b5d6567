using BillingOne.Contracts.Money;

namespace BillingOne.Subscription.Connectors.Pax8;

/// <summary>
/// Turns the items of a Pax8 page into domain records, refusing anything a sync must not store: a missing id or
/// name, a negative quantity or price, an unknown billing term, status or currency, an end before the start.
/// </summary>
internal static class Pax8ItemValidation
{
    private static readonly Dictionary<string, Pax8BillingTerm> BillingTerms = new(StringComparer.Ordinal)
    {
        ["Monthly"] = Pax8BillingTerm.Monthly,
        ["Annual"] = Pax8BillingTerm.Annual,
        ["2-Year"] = Pax8BillingTerm.TwoYear,
        ["3-Year"] = Pax8BillingTerm.ThreeYear,
        ["One-Time"] = Pax8BillingTerm.OneTime,
        ["Trial"] = Pax8BillingTerm.Trial,
    };

    /// <summary>How Pax8 spells <paramref name="term"/>, as an update restates it.</summary>
    public static string NameOf(Pax8BillingTerm term) => BillingTerms.First(known => known.Value == term).Key;

    /// <summary>Pax8's status names are the enum's member names.</summary>
    private static readonly Dictionary<string, Pax8SubscriptionStatus> Statuses =
        Enum.GetValues<Pax8SubscriptionStatus>().ToDictionary(status => status.ToString(), StringComparer.Ordinal);

    public static Pax8Company Company(CompanyDocument item, ItemPath path) => new(
        RequiredId(item.Id, path, "id"),
        RequiredText(item.Name, path, "name"),
        item.Website,
        RequiredText(item.Status, path, "status"),
        item.UpdatedDate);

    public static Pax8Product Product(ProductDocument item, ItemPath path)
    {
        Pax8LicenceUnit? unit = item.UnitOfMeasurement switch
        {
            null => null,
            "User" => Pax8LicenceUnit.User,
            "Device" => Pax8LicenceUnit.Device,
            _ => throw path.Invalid("unitOfMeasurement", $"is '{item.UnitOfMeasurement}', expected User or Device"),
        };
        return new Pax8Product(
            RequiredId(item.Id, path, "id"),
            RequiredText(item.Name, path, "name"),
            RequiredText(item.VendorName, path, "vendorName"),
            item.Sku,
            unit,
            item.UnitPrice is null ? null : Price(item.UnitPrice, item.CurrencyCode, path, "unitPrice"));
    }

    public static Pax8Subscription Subscription(SubscriptionDocument item, ItemPath path)
    {
        var quantity = item.Quantity ?? throw path.Invalid("quantity", "is missing");
        if (quantity < 0)
        {
            throw path.Invalid("quantity", $"is negative ({quantity})");
        }
        var billingTerm = item.BillingTerm is { } term && BillingTerms.TryGetValue(term, out var known)
            ? known
            : throw path.Invalid("billingTerm", item.BillingTerm is null
                ? "is missing"
                : $"is '{item.BillingTerm}', expected one of {string.Join(", ", BillingTerms.Keys)}");
        var status = item.Status is { } named && Statuses.TryGetValue(named, out var knownStatus)
            ? knownStatus
            : throw path.Invalid("status", item.Status is null ? "is missing" : $"is '{item.Status}', not a Pax8 status");
        var startDate = item.StartDate ?? throw path.Invalid("startDate", "is missing");
        if (item.EndDate < startDate)
        {
            throw path.Invalid("endDate", $"is before startDate ({item.EndDate:O} < {startDate:O})");
        }
        return new Pax8Subscription(
            RequiredId(item.Id, path, "id"),
            RequiredId(item.CompanyId, path, "companyId"),
            RequiredId(item.ProductId, path, "productId"),
            quantity,
            Price(item.Price, item.CurrencyCode, path, "price"),
            billingTerm,
            status,
            startDate,
            item.EndDate);
    }

    private static Money Price(decimal? amount, string? currency, ItemPath path, string field)
    {
        var value = amount ?? throw path.Invalid(field, "is missing");
        if (value < 0)
        {
            throw path.Invalid(field, $"is negative ({value})");
        }
        return Iso4217.TryNormalize(currency, out var code)
            ? new Money(value, code)
            : throw path.Invalid("currencyCode", currency is null ? "is missing" : $"'{currency}' is not an ISO 4217 code");
    }

    private static Guid RequiredId(Guid? id, ItemPath path, string field) =>
        id is { } value && value != Guid.Empty ? value : throw path.Invalid(field, "is missing");

    private static string RequiredText(string? text, ItemPath path, string field) =>
        string.IsNullOrWhiteSpace(text) ? throw path.Invalid(field, "is missing") : text;
}

/// <summary>Where an item sits, so a refusal names the list, the page and the field.</summary>
internal readonly record struct ItemPath(string Resource, int PageNumber, int Index)
{
    public Pax8PayloadException Invalid(string field, string reason) =>
        new(Resource, PageNumber, $"content[{Index}].{field}", reason);
}
