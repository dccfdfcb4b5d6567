using BillingOne.Web.Api;

namespace BillingOne.Web.Components.SyncTools;

/// <summary>One sync of the Sync tools: the integration it runs, what it is for, and its name on screen.</summary>
public sealed record SyncToolStep(IntegrationKey Key, string Tool, string Title);

/// <summary>The syncs in Full reconcile's order: contacts, then the catalog, then the device snapshot that the
/// comparison is made from.</summary>
public static class SyncToolSteps
{
    public static readonly SyncToolStep Xero = new(IntegrationKey.Xero, "Contacts sync", "Xero");
    public static readonly SyncToolStep SuperOps = new(IntegrationKey.SuperOps, "Contacts sync", "SuperOps");
    public static readonly SyncToolStep Catalog = new(IntegrationKey.Pax8, "Catalog sync", "Pax8");
    public static readonly SyncToolStep DeviceSnapshot = new(IntegrationKey.Rmm, "Device snapshot", "RMM");

    public static readonly IReadOnlyList<SyncToolStep> Contacts = [Xero, SuperOps];

    public static readonly IReadOnlyList<SyncToolStep> All = [Xero, SuperOps, Catalog, DeviceSnapshot];
}
