namespace BillingOne.Subscription.Domain.Mapping;

/// <summary>The vendors whose accounts map to clients.</summary>
public static class VendorKinds
{
    public const string Pax8 = "pax8";
    public const string Rmm = "rmm";

    public static readonly IReadOnlyList<string> All = [Pax8, Rmm];
}

/// <summary>How a mapping came about.</summary>
public static class MappingMethods
{
    public const string Auto = "auto";
    public const string Manual = "manual";
    public const string Import = "import";
    public const string Created = "created";
}
