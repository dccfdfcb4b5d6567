namespace BillingOne.Ingestion.Domain.Webhooks;

/// <summary>The vendors whose webhooks ingestion receives, by the name used in paths, rows and events.</summary>
public static class WebhookVendors
{
    public const string Xero = "xero";
    public const string Pax8 = "pax8";

    public static readonly IReadOnlyList<string> All = [Xero, Pax8];

    /// <summary>The vendor's canonical name, or null when ingestion receives no webhooks from it.</summary>
    public static string? Parse(string? vendor) =>
        All.FirstOrDefault(known => string.Equals(known, vendor?.Trim(), StringComparison.OrdinalIgnoreCase));
}
