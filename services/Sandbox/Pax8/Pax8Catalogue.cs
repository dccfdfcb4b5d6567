namespace BillingOne.Sandbox.Pax8;

public enum LicenceUnit
{
    User,
    Device,
}

/// <summary>
/// The products an Australian MSP typically resells through Pax8, with monthly list prices in AUD. Ids come
/// from the seed when the demo account is generated; everything else is fixed here.
/// </summary>
internal static class Pax8Catalogue
{
    public const string Currency = "AUD";

    public sealed record Entry(string Name, string VendorName, string Sku, LicenceUnit Unit, decimal MonthlyPrice,
        bool RequiresCommitment);

    /// <summary>The Microsoft 365 plan every client's users are on (one of these per client).</summary>
    public static readonly Entry[] CorePlans =
    [
        new("Microsoft 365 Business Basic", "Microsoft", "CFQ7TTC0LH18", LicenceUnit.User, 9.00m, true),
        new("Microsoft 365 Business Standard", "Microsoft", "CFQ7TTC0LDPB", LicenceUnit.User, 18.70m, true),
        new("Microsoft 365 Business Premium", "Microsoft", "CFQ7TTC0LCHC", LicenceUnit.User, 33.00m, true),
    ];

    /// <summary>Per-user add-ons: the share of clients that buys each, and the share of their users who get it.</summary>
    public static readonly (Entry Product, double Uptake, double SeatShare)[] UserAddOns =
    [
        (new("Microsoft Defender for Office 365 (Plan 1)", "Microsoft", "CFQ7TTC0LHNK",
            LicenceUnit.User, 3.00m, true), 0.35, 1.0),
        (new("Exchange Online (Plan 1)", "Microsoft", "CFQ7TTC0LH16", LicenceUnit.User, 6.00m, true), 0.25, 0.3),
        (new("Microsoft Entra ID P1", "Microsoft", "CFQ7TTC0LFLX", LicenceUnit.User, 9.00m, true), 0.15, 1.0),
        (new("Power BI Pro", "Microsoft", "CFQ7TTC0L3PB", LicenceUnit.User, 15.00m, true), 0.20, 0.3),
        (new("Microsoft Teams Phone Standard", "Microsoft", "CFQ7TTC0J1FV", LicenceUnit.User, 12.00m, true), 0.15, 0.5),
        (new("Keeper Business", "Keeper Security", "KPR-BUS-1M", LicenceUnit.User, 5.50m, false), 0.30, 1.0),
        (new("Proofpoint Essentials Business", "Proofpoint", "PFPT-ESS-BUS",
            LicenceUnit.User, 4.20m, false), 0.25, 1.0),
    ];

    public enum CoveredDevices
    {
        All,
        Workstations,
        Servers,
    }

    /// <summary>Per-device products, each with its uptake among clients with devices and the devices it covers.</summary>
    public static readonly (Entry Product, double Uptake, CoveredDevices Covers)[] DeviceProducts =
    [
        (new("SentinelOne Singularity Control", "SentinelOne", "S1-CTRL-1M",
            LicenceUnit.Device, 7.50m, false), 0.70, CoveredDevices.All),
        (new("Huntress Managed EDR", "Huntress", "HNT-EDR-1M",
            LicenceUnit.Device, 4.00m, false), 0.45, CoveredDevices.All),
        (new("Acronis Cyber Protect Cloud - Workstation", "Acronis", "ACR-CPC-WS",
            LicenceUnit.Device, 6.80m, false), 0.40, CoveredDevices.Workstations),
        (new("Acronis Cyber Protect Cloud - Server", "Acronis", "ACR-CPC-SRV",
            LicenceUnit.Device, 38.00m, false), 0.55, CoveredDevices.Servers),
    ];

    public static IEnumerable<Entry> All =>
        CorePlans.Concat(UserAddOns.Select(addOn => addOn.Product)).Concat(DeviceProducts.Select(device => device.Product));
}
