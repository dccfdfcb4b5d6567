namespace BillingOne.Web.Components.Metering;

/// <summary>Relative links to the metering pages the dashboard counts and the asset views link to.</summary>
public static class MeteringLinks
{
    public const string All = "metering/assets";
    public const string Unassigned = "metering/assets/unassigned";
    public const string New = "metering/assets/new";
    public const string Unbound = "metering/unbound";
    public const string Disregarded = "metering/disregarded";
    public const string Buckets = "metering/buckets";
    public const string BillingReadings = "metering/billing-readings";
}
