using System.Globalization;
using System.Text.Json;
using BillingOne.Reconciliation.Tests.Connectors;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace BillingOne.Reconciliation.Tests.Api;

/// <summary>
/// A NinjaOne account in WireMock whose organizations and devices a test edits between syncs; every page is cut from
/// them when asked for, as NinjaOne pages (<c>pageSize</c> and the <c>after</c> cursor).
/// </summary>
public sealed class NinjaOneStub : IDisposable
{
    public const string ClientId = "stub-client";
    public const string ClientSecret = "stub-secret-7f3a";
    public const string OrganizationsPath = "/v2/organizations";
    public const string DevicesPath = "/v2/devices";

    /// <summary>Mappings of page answers; lower numbers win, so a throttle put in front of them answers first.</summary>
    private const int PagePriority = 10;

    private readonly VendorStub vendor = new();

    public NinjaOneStub()
    {
        vendor.IssueTokens("/ws/oauth/token", 3600, "stub-token");
        ServePages(OrganizationsPath, () => Organizations.Select(pair => (pair.Key, (object)new { id = pair.Key, name = pair.Value })),
            malformedPage: () => null);
        ServePages(DevicesPath, () => Devices.Select(pair => (pair.Key, (object)new
        {
            id = pair.Key,
            organizationId = pair.Value.OrganizationId,
            systemName = pair.Value.Name,
            nodeClass = pair.Value.NodeClass,
            approvalStatus = pair.Value.Approved ? "APPROVED" : "PENDING",
            offline = pair.Value.Offline,
            lastContact = LastContactBase + pair.Key,
        })), malformedPage: () => MalformedDevicesPage);
    }

    public string Url => vendor.Url;

    public SortedDictionary<int, string> Organizations { get; } = [];

    public SortedDictionary<int, StubDevice> Devices { get; } = [];

    /// <summary>Unix seconds every device was last in contact, plus its id (so each differs).</summary>
    public long LastContactBase { get; set; } = 1_767_600_000;

    /// <summary>The devices page (1 for the first) answered with an id that is not a number; null for none.</summary>
    public int? MalformedDevicesPage { get; set; }

    /// <summary>An account of <paramref name="organizations"/> organizations, each with workstations and one server.</summary>
    public static NinjaOneStub WithAccount(int organizations, int workstationsEach)
    {
        var stub = new NinjaOneStub();
        var deviceId = 1000;
        for (var organization = 1; organization <= organizations; organization++)
        {
            stub.Organizations[organization] = $"Client {organization:D3}";
            for (var workstation = 1; workstation <= workstationsEach; workstation++)
            {
                stub.Devices[deviceId++] = new StubDevice(organization, $"WS-{organization:D3}-{workstation:D2}",
                    "WINDOWS_WORKSTATION");
            }
            stub.Devices[deviceId++] = new StubDevice(organization, $"SRV-{organization:D3}", "WINDOWS_SERVER");
        }
        return stub;
    }

    /// <summary>The next organizations request is answered 429 with <c>Retry-After: 1</c>, the one after normally.</summary>
    public void ThrottleOnce() =>
        vendor.Server.Given(Request.Create().WithPath(OrganizationsPath).UsingGet())
            .AtPriority(PagePriority - 1)
            .InScenario("throttle").WillSetStateTo("throttled")
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "1"));

    public int RequestsTo(string path) => vendor.RequestsTo(path);

    private void ServePages(string path, Func<IEnumerable<(int Id, object Item)>> items, Func<int?> malformedPage) =>
        vendor.Server.Given(Request.Create().WithPath(path).UsingGet()).AtPriority(PagePriority)
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(request =>
            {
                var pageSize = int.Parse(request.Query!["pageSize"].Single(), CultureInfo.InvariantCulture);
                var after = request.Query.TryGetValue("after", out var cursor)
                    ? int.Parse(cursor.Single(), CultureInfo.InvariantCulture)
                    : 0;
                var all = items().ToList();
                var pageNumber = all.Count(item => item.Id <= after) / pageSize + 1;
                return pageNumber == malformedPage()
                    ? """[{"id":"not a number"}]"""
                    : JsonSerializer.Serialize(all.Where(item => item.Id > after).Take(pageSize).Select(item => item.Item));
            }));

    public void Dispose() => vendor.Dispose();
}

/// <param name="Approved">False while the device awaits a technician's approval (<c>approvalStatus</c> PENDING).</param>
public sealed record StubDevice(int OrganizationId, string Name, string NodeClass, bool Offline = false, bool Approved = true);
