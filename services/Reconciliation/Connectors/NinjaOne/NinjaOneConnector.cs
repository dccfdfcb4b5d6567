using System.Globalization;
using System.Runtime.CompilerServices;
using BillingOne.Reconciliation.Connectors.Rmm;

namespace BillingOne.Reconciliation.Connectors.NinjaOne;

/// <summary>
/// NinjaOne API v2: <c>/v2/organizations</c> and <c>/v2/devices</c>, paged by <c>pageSize</c> and <c>after</c>
/// (the last id of the previous page; a short page is the last). Ids must rise strictly across the walk, else the
/// cursor would repeat or skip items and the page is rejected.
/// </summary>
/// <param name="http">An organization's client of the API, authenticating as it (<see cref="RmmConnectorFactory"/>).</param>
public sealed class NinjaOneConnector(HttpClient http, int pageSize) : IRmmConnector
{
    /// <summary>The handler pipeline (retries, timeouts) every organization's NinjaOne client runs over.</summary>
    public const string ApiPipeline = "ninjaone-api";

    private const string OrganizationsPath = "/v2/organizations";
    private const string DevicesPath = "/v2/devices";

    private readonly List<RmmSkippedItem> skipped = [];

    public RmmVendor Vendor => RmmVendor.NinjaOne;

    public IReadOnlyList<RmmSkippedItem> Skipped => skipped;

    public IAsyncEnumerable<RmmOrganization> ListOrganizationsAsync(CancellationToken cancellationToken = default) =>
        PageAsync<NinjaOneOrganization, RmmOrganization>(OrganizationsPath, deviceFilter: null,
            organization => organization.Id, ToOrganization, cancellationToken);

    public IAsyncEnumerable<RmmDevice> ListDevicesAsync(string organizationVendorId, CancellationToken cancellationToken = default)
    {
        if (!int.TryParse(organizationVendorId, NumberStyles.None, CultureInfo.InvariantCulture, out var organizationId))
        {
            throw new ArgumentException($"A NinjaOne organization id is a number; '{organizationVendorId}' is not.",
                nameof(organizationVendorId));
        }
        return PageAsync<NinjaOneDevice, RmmDevice>(DevicesPath, $"org = {organizationId}", device => device.Id,
            (device, id, field, page) => ToDevice(device, id, field, page, organizationId), cancellationToken);
    }

    public IAsyncEnumerable<RmmDevice> ListAllDevicesAsync(CancellationToken cancellationToken = default) =>
        PageAsync<NinjaOneDevice, RmmDevice>(DevicesPath, deviceFilter: null, device => device.Id,
            (device, id, field, page) => ToDevice(device, id, field, page, expectedOrganizationId: null), cancellationToken);

    public Task<RmmConnectionCheck> CheckConnectionAsync(CancellationToken cancellationToken = default) =>
        RmmConnectionChecks.CountOrganizationsAsync(this, cancellationToken);

    private async IAsyncEnumerable<TResult> PageAsync<TItem, TResult>(
        string path,
        string? deviceFilter,
        Func<TItem, int?> idOf,
        Func<TItem, int, string, RmmPage, TResult?> convert,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where TItem : class
        where TResult : class
    {
        var filter = deviceFilter is null ? "" : $"&df={Uri.EscapeDataString(deviceFilter)}";
        int? after = null;
        for (var pageNumber = 1; ; pageNumber++)
        {
            var page = new RmmPage(Vendor, path, pageNumber, skipped);
            var cursor = after is { } last ? $"&after={last}" : "";
            var items = await page.ReadAsync<List<TItem?>>(http, $"{path}?pageSize={pageSize}{cursor}{filter}",
                cancellationToken);
            if (items.Count > pageSize)
            {
                throw page.Reject("$", $"holds {items.Count} items, more than the {pageSize} asked for");
            }

            var results = new List<TResult>(items.Count);
            for (var index = 0; index < items.Count; index++)
            {
                var field = $"$[{index}]";
                var item = page.RequiredItem(items[index], field);
                var id = page.Required(idOf(item), $"{field}.id");
                if (id <= (after ?? 0))
                {
                    throw page.Reject($"{field}.id", $"is {id}, not above the cursor {after ?? 0}: paging would repeat items");
                }
                after = id;
                if (convert(item, id, field, page) is { } result)
                {
                    results.Add(result);
                }
            }
            foreach (var result in results)
            {
                yield return result;
            }
            if (items.Count < pageSize)
            {
                yield break;
            }
        }
    }

    private RmmOrganization ToOrganization(NinjaOneOrganization organization, int id, string field, RmmPage page) => new(
        Vendor,
        id.ToString(CultureInfo.InvariantCulture),
        page.RequiredText(organization.Name, $"{field}.name"));

    /// <summary>
    /// The device, or null when NinjaOne sent it without a <c>systemName</c>: that device alone is skipped and named (its
    /// id and the reason), the rest of the page is kept. Anything else malformed still rejects the page.
    /// </summary>
    private RmmDevice? ToDevice(NinjaOneDevice device, int id, string field, RmmPage page, int? expectedOrganizationId)
    {
        var organizationId = page.Required(device.OrganizationId, $"{field}.organizationId");
        if (expectedOrganizationId is { } expected && organizationId != expected)
        {
            // A filter the API ignored would otherwise count another organization's devices.
            throw page.Reject($"{field}.organizationId", $"is {organizationId}, not the organization asked for ({expected})");
        }
        var systemName = page.UsableItem($"NinjaOne device {id}", $"devices page {page.Number}, organization {organizationId}",
            () => page.RequiredText(device.SystemName, $"{field}.systemName"));
        if (systemName is null)
        {
            return null;
        }
        return new RmmDevice(
            Vendor,
            id.ToString(CultureInfo.InvariantCulture),
            organizationId.ToString(CultureInfo.InvariantCulture),
            systemName,
            KindOf(page.RequiredText(device.NodeClass, $"{field}.nodeClass")),
            device.LastContact is { } seconds ? DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000)) : null,
            StateOf(device, field, page));
    }

    /// <summary>
    /// A device awaiting approval is pending however its agent connects. An approval status other than the two NinjaOne
    /// documents rejects the page: counting the device or leaving it out would both be a guess.
    /// </summary>
    private static RmmDeviceState StateOf(NinjaOneDevice device, string field, RmmPage page)
    {
        var offline = page.Required(device.Offline, $"{field}.offline");
        var approvalField = $"{field}.approvalStatus";
        return page.RequiredText(device.ApprovalStatus, approvalField) switch
        {
            "APPROVED" => offline ? RmmDeviceState.Offline : RmmDeviceState.Online,
            "PENDING" => RmmDeviceState.Pending,
            var other => throw page.Reject(approvalField, $"is '{other}', not APPROVED or PENDING"),
        };
    }

    /// <summary>NinjaOne's node classes; virtual guests, mobiles and network nodes are not licensed as either kind.</summary>
    private static RmmDeviceKind KindOf(string nodeClass) => nodeClass switch
    {
        "WINDOWS_WORKSTATION" or "MAC" or "LINUX_WORKSTATION" => RmmDeviceKind.Workstation,
        "WINDOWS_SERVER" or "LINUX_SERVER" or "MAC_SERVER" => RmmDeviceKind.Server,
        _ => RmmDeviceKind.Other,
    };
}
