namespace BillingOne.Reconciliation.Connectors.Rmm;

/// <summary>The RMM products an organization can take its device counts from; one per organization.</summary>
public enum RmmVendor
{
    NinjaOne,
    DattoRmm,
}

/// <summary>How vendors are named in settings, storage and events (<c>ninjaone</c>, <c>datto-rmm</c>) and to people.</summary>
public static class RmmVendors
{
    public const string NinjaOneKey = "ninjaone";
    public const string DattoRmmKey = "datto-rmm";

    public static readonly IReadOnlyList<string> Keys = [NinjaOneKey, DattoRmmKey];

    public static string Key(this RmmVendor vendor) => vendor switch
    {
        RmmVendor.NinjaOne => NinjaOneKey,
        RmmVendor.DattoRmm => DattoRmmKey,
        _ => throw new ArgumentOutOfRangeException(nameof(vendor), vendor, null),
    };

    public static string DisplayName(this RmmVendor vendor) => vendor switch
    {
        RmmVendor.NinjaOne => "NinjaOne",
        RmmVendor.DattoRmm => "Datto RMM",
        _ => throw new ArgumentOutOfRangeException(nameof(vendor), vendor, null),
    };

    public static RmmVendor? FromKey(string? key) => key switch
    {
        NinjaOneKey => RmmVendor.NinjaOne,
        DattoRmmKey => RmmVendor.DattoRmm,
        _ => null,
    };
}
