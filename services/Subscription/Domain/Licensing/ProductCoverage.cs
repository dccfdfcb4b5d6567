using System.Text.RegularExpressions;
using BillingOne.Contracts.Events;

namespace BillingOne.Subscription.Domain.Licensing;

/// <summary>
/// What a catalog product covers (docs/domain.md "Licences: coverage per product"): a per-user product covers users;
/// a per-device product covers workstations, servers or all devices, as a person set it, else as its name suggests
/// (<see cref="Suggest"/>), shown for review until a person confirms it.
/// </summary>
public static partial class ProductCoverage
{
    /// <summary>How a covering product's coverage was decided.</summary>
    public const string SourceManual = "manual";

    /// <summary>Pax8's unit of measurement says User: it covers users.</summary>
    public const string SourcePax8 = "pax8";

    /// <summary>Suggested from the product's name: to be reviewed.</summary>
    public const string SourceSuggested = "suggested";

    /// <summary>The device classes a person can set on a per-device product.</summary>
    public static readonly IReadOnlyList<string> DeviceClasses =
        [ProductCoverages.Workstations, ProductCoverages.Servers, ProductCoverages.Devices];

    /// <summary>
    /// The device class a per-device product's name suggests: a server product covers servers, a workstation, desktop
    /// or laptop product covers workstations, anything else (antivirus, RMM, "endpoint", backup) all devices.
    /// </summary>
    public static string Suggest(string name, string vendorName)
    {
        var text = $"{name} {vendorName}";
        return ServerWords().IsMatch(text) ? ProductCoverages.Servers
            : WorkstationWords().IsMatch(text) ? ProductCoverages.Workstations
            : ProductCoverages.Devices;
    }

    /// <summary>
    /// The effective coverage and how it was decided: null for a product that counts as no licence.
    /// </summary>
    /// <param name="licenceUnit">The effective licence unit (the override's, else Pax8's): device, user or null.</param>
    /// <param name="deviceClass">The device class a person set, if any.</param>
    /// <param name="manual">Whether a person set the product's mapping.</param>
    public static (string Covers, string Source)? Of(string? licenceUnit, string? deviceClass, bool manual, string name,
        string vendorName) => licenceUnit switch
        {
            LicenceUnits.User => (ProductCoverages.Users, manual ? SourceManual : SourcePax8),
            LicenceUnits.Device when deviceClass is not null => (deviceClass, SourceManual),
            LicenceUnits.Device => (Suggest(name, vendorName), SourceSuggested),
            _ => null,
        };

    [GeneratedRegex(@"\bservers?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ServerWords();

    [GeneratedRegex(@"\b(workstations?|desktops?|laptops?|pcs?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WorkstationWords();
}
