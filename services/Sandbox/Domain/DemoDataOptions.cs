namespace BillingOne.Sandbox.Domain;

public sealed class DemoDataOptions
{
    public const string Section = "Sandbox:DemoData";

    /// <summary>The same seed always produces the same clients, sites and devices.</summary>
    public int Seed { get; set; } = 20250101;

    public int ClientCount { get; set; } = 300;

    /// <summary>
    /// The instant generated timestamps count back from. Unset: the start of the current UTC day, so
    /// devices look recently active yet the data stays identical for the whole day.
    /// </summary>
    public DateTimeOffset? Anchor { get; set; }
}
