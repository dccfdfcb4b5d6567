namespace BillingOne.Subscription.Domain.Mapping;

/// <summary>The vendors whose accounts map to clients.</summary>
public static class VendorKinds
{
    public const string Pax8 = "pax8";
    public const string Rmm = "rmm";
    public const string Xero = "xero";
    public const string SuperOps = "superops";
    public const string Synergy = "synergy";

    public static readonly IReadOnlyList<string> All = [Pax8, Rmm, Xero, SuperOps, Synergy];

    /// <summary>The vendors whose accounts arrive as <c>VendorAccountsSnapshotted</c> from another service's sync.</summary>
    public static readonly IReadOnlyList<string> Snapshotted = [Xero, SuperOps, Synergy];

    /// <summary>"pax8, rmm, …" for error messages.</summary>
    public static string Listed => string.Join(", ", All);
}

/// <summary>How a mapping came about.</summary>
public static class MappingMethods
{
    public const string Auto = "auto";
    public const string Manual = "manual";
    public const string Import = "import";
    public const string Created = "created";
}
