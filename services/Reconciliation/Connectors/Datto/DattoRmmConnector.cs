using System.Runtime.CompilerServices;
using BillingOne.Reconciliation.Connectors.Rmm;

namespace BillingOne.Reconciliation.Connectors.Datto;

/// <summary>
/// Datto RMM API v2: sites (<c>/api/v2/account/sites</c>) are the organizations, devices are read per site
/// (<c>/api/v2/site/{uid}/devices</c>) or for the account. Pages are asked for with <c>page</c> and <c>max</c>
/// and followed by <c>pageDetails.nextPageUrl</c> until it is empty.
/// </summary>
/// <param name="http">An organization's client of the API, authenticating as it (<see cref="RmmConnectorFactory"/>).</param>
public sealed class DattoRmmConnector(HttpClient http, int pageSize) : IRmmConnector
{
    /// <summary>The handler pipeline (retries, timeouts) every organization's Datto RMM client runs over.</summary>
    public const string ApiPipeline = "datto-rmm-api";

    private const string SitesPath = "/api/v2/account/sites";
    private const string AccountDevicesPath = "/api/v2/account/devices";
    private const string NextPageField = "$.pageDetails.nextPageUrl";

    private readonly List<RmmSkippedItem> skipped = [];

    public RmmVendor Vendor => RmmVendor.DattoRmm;

    public IReadOnlyList<RmmSkippedItem> Skipped => skipped;

    public IAsyncEnumerable<RmmOrganization> ListOrganizationsAsync(CancellationToken cancellationToken = default) =>
        PageAsync(SitesPath, "sites", answer => answer.Sites, site => site.Uid,
            (site, uid, field, page) => new RmmOrganization(Vendor, uid, page.RequiredText(site.Name, $"{field}.name")),
            cancellationToken);

    public IAsyncEnumerable<RmmDevice> ListDevicesAsync(string organizationVendorId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(organizationVendorId);
        return PageAsync($"/api/v2/site/{Uri.EscapeDataString(organizationVendorId)}/devices", "devices",
            answer => answer.Devices, device => device.Uid,
            (device, uid, field, page) => ToDevice(device, uid, field, page, organizationVendorId), cancellationToken);
    }

    public IAsyncEnumerable<RmmDevice> ListAllDevicesAsync(CancellationToken cancellationToken = default) =>
        PageAsync(AccountDevicesPath, "devices", answer => answer.Devices, device => device.Uid,
            (device, uid, field, page) => ToDevice(device, uid, field, page, expectedSiteUid: null), cancellationToken);

    public Task<RmmConnectionCheck> CheckConnectionAsync(CancellationToken cancellationToken = default) =>
        RmmConnectionChecks.CountOrganizationsAsync(this, cancellationToken);

    private async IAsyncEnumerable<TResult> PageAsync<TItem, TResult>(
        string path,
        string itemsName,
        Func<DattoRmmPage, List<TItem?>?> itemsOf,
        Func<TItem, string?> uidOf,
        Func<TItem, string, string, RmmPage, TResult?> convert,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where TItem : class
        where TResult : class
    {
        // Parameters in ordinal order, as NextRequestUri writes them, so that a link back to any read page is recognised.
        var requestUri = $"{path}?max={pageSize}&page=0";
        var requested = new HashSet<string>(StringComparer.Ordinal) { requestUri };
        var uids = new HashSet<string>(StringComparer.Ordinal);
        for (var pageNumber = 1; ; pageNumber++)
        {
            var page = new RmmPage(Vendor, path, pageNumber, skipped);
            var answer = await page.ReadAsync<DattoRmmPage>(http, requestUri, cancellationToken);
            var details = page.RequiredItem(answer.PageDetails, "$.pageDetails");
            var items = page.RequiredItem(itemsOf(answer), $"$.{itemsName}");

            var results = new List<TResult>(items.Count);
            for (var index = 0; index < items.Count; index++)
            {
                var field = $"$.{itemsName}[{index}]";
                var item = page.RequiredItem(items[index], field);
                var uid = page.RequiredText(uidOf(item), $"{field}.uid");
                if (!uids.Add(uid))
                {
                    throw page.Reject($"{field}.uid", $"is '{uid}', already listed: paging repeats items");
                }
                if (convert(item, uid, field, page) is { } result)
                {
                    results.Add(result);
                }
            }

            var next = string.IsNullOrEmpty(details.NextPageUrl) ? null : NextRequestUri(details.NextPageUrl, path, page);
            if (next is not null && !requested.Add(next))
            {
                throw page.Reject(NextPageField, $"is '{details.NextPageUrl}', a page already read: paging would loop");
            }
            foreach (var result in results)
            {
                yield return result;
            }
            if (next is null)
            {
                yield break;
            }
            requestUri = next;
        }
    }

    /// <summary>
    /// Keeps only the next page's query, its parameters sorted, and asks it of the organization's base URL: the bearer
    /// token never goes to a host named in an answer, and paging cannot wander to another resource.
    /// </summary>
    private static string NextRequestUri(string nextPageUrl, string path, RmmPage page)
    {
        if (!Uri.TryCreate(nextPageUrl, UriKind.Absolute, out var next)
            || next.Scheme is not ("http" or "https")
            || !string.Equals(next.AbsolutePath, path, StringComparison.Ordinal))
        {
            throw page.Reject(NextPageField, $"is '{nextPageUrl}', not an absolute URL of {path}");
        }
        var parameters = next.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal);
        return $"{path}?{string.Join('&', parameters)}";
    }

    /// <summary>
    /// The device, or null when a field of it alone is unusable (no hostname, device type or online flag): that device is
    /// skipped and named by its uid with the reason, the rest of the page is kept. A device of another site than the one
    /// asked for still rejects the page (the API ignored the filter).
    /// </summary>
    private RmmDevice? ToDevice(DattoRmmDevice device, string uid, string field, RmmPage page, string? expectedSiteUid)
    {
        var siteUid = page.RequiredText(device.SiteUid, $"{field}.siteUid");
        if (expectedSiteUid is not null && !string.Equals(siteUid, expectedSiteUid, StringComparison.Ordinal))
        {
            throw page.Reject($"{field}.siteUid", $"is '{siteUid}', not the site asked for ('{expectedSiteUid}')");
        }
        return page.UsableItem($"Datto RMM device {uid}", $"devices page {page.Number}, site {siteUid}", () =>
        {
            var deviceType = page.RequiredItem(device.DeviceType, $"{field}.deviceType");
            var online = page.Required(device.Online, $"{field}.online");
            return new RmmDevice(
                Vendor,
                uid,
                siteUid,
                page.RequiredText(device.Hostname, $"{field}.hostname"),
                KindOf(page.RequiredText(deviceType.Category, $"{field}.deviceType.category")),
                device.LastSeen is { } milliseconds ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds) : null,
                device.Deleted == true ? RmmDeviceState.Retired : online ? RmmDeviceState.Online : RmmDeviceState.Offline);
        });
    }

    /// <summary>Datto's device categories; printers, network devices and hypervisor hosts are not licensed as either kind.</summary>
    private static RmmDeviceKind KindOf(string category) => category.ToUpperInvariant() switch
    {
        "DESKTOP" or "LAPTOP" => RmmDeviceKind.Workstation,
        "SERVER" => RmmDeviceKind.Server,
        _ => RmmDeviceKind.Other,
    };
}
