using BillingOne.BuildingBlocks.Integrations;
using BillingOne.Reconciliation.Connectors.Rmm;
using BillingOne.Reconciliation.Data;

namespace BillingOne.Reconciliation.Integrations;

/// <summary>
/// The organization's RMM (NinjaOne or Datto RMM) under Settings → Integrations, and its device snapshot sync: every
/// organization and device is read before anything is stored, then applied in one transaction with a
/// <c>DevicesSnapshotted</c> event.
/// </summary>
public sealed class RmmIntegration(RmmConnectorFactory connectors, DeviceSnapshotStore snapshots) : IIntegration
{
    public const string IntegrationName = "rmm";

    public string Name => IntegrationName;

    public string DisplayName => "RMM";

    public string Category => "RMM";

    public string DisplayNameFor(IntegrationValues values) =>
        RmmVendors.FromKey(values[RmmConnectorFactory.VendorSetting])?.DisplayName() ?? DisplayName;

    /// <summary>NinjaOne's regional instances and Datto RMM's platforms (docs/vendors.md, Production hosts).</summary>
    private static readonly string[] RmmHosts = ["*.ninjarmm.com", "*.centrastage.net"];

    public IReadOnlyList<IntegrationField> Fields { get; } =
    [
        new(RmmConnectorFactory.VendorSetting, "RMM product", Kind: "choice", Choices: RmmVendors.Keys),
        new(RmmConnectorFactory.ClientIdSetting, "Client id", Help: "Datto RMM: the API key"),
        new(RmmConnectorFactory.ClientSecretSetting, "Client secret", Secret: true, Help: "Datto RMM: the API secret"),
        new(RmmConnectorFactory.BaseUrlSetting, "API address", Required: false, Kind: "url",
            Help: "Leave empty for the vendor's own address", Hosts: RmmHosts),
        new(RmmConnectorFactory.TokenUrlSetting, "Token address", Required: false, Kind: "url",
            Help: "Leave empty for the vendor's token path on the API address", Hosts: RmmHosts),
    ];

    public IntegrationValues? Defaults => connectors.Defaults;

    public async Task<ConnectionCheck> TestAsync(IntegrationValues values, CancellationToken cancellationToken)
    {
        IRmmConnector connector;
        try
        {
            connector = connectors.Create(values);
        }
        catch (RmmSettingsException invalid)
        {
            return new ConnectionCheck(false, invalid.Message);
        }
        var check = await connector.CheckConnectionAsync(cancellationToken);
        var vendor = connector.Vendor.DisplayName();
        return check.Succeeded
            ? new ConnectionCheck(true, $"{vendor} answered: {check.Organizations} organizations.")
            : new ConnectionCheck(false, $"{vendor} could not be read: {check.Failure}");
    }

    public async Task SyncAsync(SyncContext context, CancellationToken cancellationToken)
    {
        var connector = connectors.Create(context.Values);
        var organizations = await ReadAllAsync(context, "organizations", connector.ListOrganizationsAsync(cancellationToken),
            cancellationToken);
        var devices = await ReadAllAsync(context, "devices", connector.ListAllDevicesAsync(cancellationToken),
            cancellationToken);
        foreach (var item in connector.Skipped)
        {
            context.Skip(item.What, item.Reason);
        }
        await context.ReportProgressAsync("applying", 0, null, cancellationToken);
        var applied = await snapshots.ApplyAsync(context.OrgId, context.RunId, connector.Vendor, organizations, devices,
            cancellationToken);
        context.Count("organizations", applied.Organizations);
        context.Count("devices", applied.Devices);
    }

    /// <summary>
    /// The whole stream, reporting progress as it pages. A rejected page is named as skipped and ends the run: a
    /// snapshot missing a page would count its devices as removed.
    /// </summary>
    private static async Task<List<T>> ReadAllAsync<T>(SyncContext context, string stage, IAsyncEnumerable<T> items,
        CancellationToken cancellationToken)
    {
        var read = new List<T>();
        try
        {
            await foreach (var item in items)
            {
                read.Add(item);
                await context.ReportProgressAsync(stage, read.Count, null, cancellationToken);
            }
        }
        catch (RmmPageRejectedException rejected)
        {
            context.Skip($"{stage} page {rejected.PageNumber}", $"'{rejected.Field}' {rejected.Reason}");
            throw;
        }
        return read;
    }
}
