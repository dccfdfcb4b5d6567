namespace BillingOne.Metering.Sightings;

/// <summary>Settings under <c>Metering:Sightings</c>.</summary>
public sealed class AssetSightingOptions
{
    public const string Section = "Metering:Sightings";

    /// <summary>Whether this replica folds recorded sightings into the assets.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How often it folds: how far behind its readings an asset's last seen may be. Each fold updates an asset once for
    /// every batch since the last one, so a longer interval costs less under a steady stream.
    /// </summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(2);
}
