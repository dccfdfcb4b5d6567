namespace Microsoft.Extensions.Hosting;

/// <summary>Activity sources and meters every service exports in addition to its own.</summary>
public static class TelemetryNames
{
    public const string BillingOne = "BillingOne";

    public static readonly string[] ActivitySources = [BillingOne, "MassTransit", "Npgsql"];

    public static readonly string[] Meters = [BillingOne, "MassTransit", "Npgsql"];
}
