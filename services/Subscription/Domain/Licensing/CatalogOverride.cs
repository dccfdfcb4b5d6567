namespace BillingOne.Subscription.Domain.Licensing;

/// <summary>
/// A person's mapping of one catalog product: <see cref="LicenceUnit"/> is device, user or none; <see cref="UnitPrice"/>
/// is the monthly price of one unit, or null to keep Pax8's.
/// </summary>
public sealed record CatalogOverride(string LicenceUnit, decimal? UnitPrice)
{
    public const int PriceDecimals = 4;

    /// <summary>The largest price the column holds: numeric(19,4).</summary>
    public const decimal MaxPrice = 999_999_999_999_999.9999m;

    /// <summary>Validates a request's members; errors are keyed by the member's name.</summary>
    public static CatalogOverride? Create(string? licenceUnit, decimal? unitPrice, IDictionary<string, string[]> errors)
    {
        var unit = licenceUnit?.Trim().ToLowerInvariant();
        if (unit is null || !LicenceUnits.Settable.Contains(unit))
        {
            errors["licenceUnit"] = [$"licenceUnit is required: one of {string.Join(", ", LicenceUnits.Settable)}."];
        }
        // Rounding on storage would silently change the price, so finer digits than the column holds are refused.
        if (unitPrice is { } price && (price < 0 || price > MaxPrice || decimal.Round(price, PriceDecimals) != price))
        {
            errors["unitPrice"] = [$"unitPrice must be between 0 and {MaxPrice} with at most {PriceDecimals} decimal places, or null for Pax8's price."];
        }
        return errors.Count == 0 ? new CatalogOverride(unit!, unitPrice) : null;
    }
}
