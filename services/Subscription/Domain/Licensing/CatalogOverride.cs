using BillingOne.Contracts.Events;

namespace BillingOne.Subscription.Domain.Licensing;

/// <summary>
/// A person's mapping of one catalog product: <see cref="LicenceUnit"/> is device, user or none; <see cref="UnitPrice"/>
/// is the monthly price of one unit, or null to keep Pax8's; <see cref="Covers"/> the device class a per-device product
/// covers (workstations, servers or devices), null for the others (docs/domain.md "Licences: coverage per product").
/// </summary>
public sealed record CatalogOverride(string LicenceUnit, decimal? UnitPrice, string? Covers = null)
{
    public const int PriceDecimals = 4;

    /// <summary>The largest price the column holds: numeric(19,4).</summary>
    public const decimal MaxPrice = 999_999_999_999_999.9999m;

    /// <summary>What <c>covers</c> may say: a device class, users, or none (no licence).</summary>
    public static readonly IReadOnlyList<string> SettableCovers = [.. ProductCoverages.All, LicenceUnits.None];

    /// <summary>
    /// Validates a request's members; errors are keyed by the member's name. <paramref name="covers"/> alone says the
    /// unit too (users: user, none: none, a device class: device); with <paramref name="licenceUnit"/> both must agree.
    /// </summary>
    public static CatalogOverride? Create(string? licenceUnit, decimal? unitPrice, string? covers,
        IDictionary<string, string[]> errors)
    {
        var unit = licenceUnit?.Trim().ToLowerInvariant();
        var coverage = string.IsNullOrWhiteSpace(covers) ? null : covers.Trim().ToLowerInvariant();
        if (coverage is not null && !SettableCovers.Contains(coverage))
        {
            errors["covers"] = [$"covers must be one of {string.Join(", ", SettableCovers)}."];
        }
        else if (coverage is not null)
        {
            var implied = UnitOf(coverage);
            if (unit is not null && unit != implied)
            {
                errors["covers"] = [$"covers '{coverage}' counts per {implied}, not per {unit}: leave licenceUnit out or make them agree."];
            }
            unit ??= implied;
        }
        // An unknown covers is reported once, as covers, not again as a missing licenceUnit.
        if (unit is null ? !errors.ContainsKey("covers") : !LicenceUnits.Settable.Contains(unit))
        {
            errors["licenceUnit"] = [$"licenceUnit is required (or covers): one of {string.Join(", ", LicenceUnits.Settable)}."];
        }
        // Rounding on storage would silently change the price, so finer digits than the column holds are refused.
        if (unitPrice is { } price && (price < 0 || price > MaxPrice || decimal.Round(price, PriceDecimals) != price))
        {
            errors["unitPrice"] = [$"unitPrice must be between 0 and {MaxPrice} with at most {PriceDecimals} decimal places, or null for Pax8's price."];
        }
        return errors.Count == 0
            ? new CatalogOverride(unit!, unitPrice, coverage is not null && ProductCoverage.DeviceClasses.Contains(coverage) ? coverage : null)
            : null;
    }

    private static string UnitOf(string coverage) => coverage switch
    {
        ProductCoverages.Users => LicenceUnits.User,
        LicenceUnits.None => LicenceUnits.None,
        _ => LicenceUnits.Device,
    };
}
