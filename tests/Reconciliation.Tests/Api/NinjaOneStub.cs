using System.Globalization;
using System.Text.Json;
using BillingOne.Reconciliation.Tests.Connectors;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace BillingOne.Reconciliation.Tests.Api;

/// <summary>
/// A NinjaOne account in WireMock whose organizations and devices a test edits between syncs; <see cref="Serve"/>
/// publishes them as NinjaOne pages them (<c>pageSize</c> and the <c>after</c> cursor).
/// </summary>
public sealed class NinjaOneStub : IDisposable
{
    /// <summary>The page size the service under test asks for (set by <see cref="ReconciliationFixture"/>).</summary>
    public const int PageSize = 10;
    public const string ClientId = "stub-client";
    public const string ClientSecret = "stub-secret-7f3a";
    public const string OrganizationsPath = "/v2/organizations";
    public const string DevicesPath = "/v2/devices";

    /// <summary>Mappings of page answers; lower numbers win, so a throttle or fault put in front of them answers first.</summary>
    private const int PagePriority = 10;

    private readonly VendorStub vendor = new();

    public string Url => vendor.Url;

    public SortedDictionary<int, string> Organizations { get; } = [];

    public SortedDictionary<int, StubDevice> Devices { get; } = [];

    /// <summary>Unix seconds every device was last in contact, plus its id (so each differs).</summary>
    public long LastContactBase { get; set; } = 1_767_600_000;

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
        stub.Serve();
        return stub;
    }

    /// <summary>Answers with the current organizations and devices; <paramref name="malformedDevicesPage"/> breaks one page.</summary>
    public void Serve(int? malformedDevicesPage = null)
    {
        vendor.Server.Reset();
        vendor.IssueTokens("/ws/oauth/token", 3600, "stub-token");
        ServePages(OrganizationsPath, [.. Organizations.Select(pair => (pair.Key, (object)new { id = pair.Key, name = pair.Value }))],
            malformedPage: null);
        ServePages(DevicesPath, [.. Devices.Select(pair => (pair.Key, (object)new
        {
            id = pair.Key,
            organizationId = pair.Value.OrganizationId,
            systemName = pair.Value.Name,
            nodeClass = pair.Value.NodeClass,
            offline = pair.Value.Offline,
            lastContact = LastContactBase + pair.Key,
        }))], malformedDevicesPage);
    }

    /// <summary>The next organizations request is answered 429 with <c>Retry-After: 1</c>, the one after normally.</summary>
    public void ThrottleOnce() =>
        vendor.Server.Given(Request.Create().WithPath(OrganizationsPath).UsingGet())
            .AtPriority(PagePriority - 1)
            .InScenario("throttle").WillSetStateTo("throttled")
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "1"));

    public int RequestsTo(string path) => vendor.RequestsTo(path);

    private void ServePages(string path, List<(int Id, object Item)> items, int? malformedPage)
    {
        int? after = null;
        for (var page = 1; ; page++)
        {
            var onPage = items.Skip((page - 1) * PageSize).Take(PageSize).ToList();
            var body = page == malformedPage
                ? """[{"id":"not a number"}]"""
                : JsonSerializer.Serialize(onPage.Select(item => item.Item));
            var request = Request.Create().WithPath(path).UsingGet();
            request = after is { } cursor
                ? request.WithParam("after", cursor.ToString(CultureInfo.InvariantCulture))
                : request.WithParam("after", MatchBehaviour.RejectOnMatch);
            vendor.Server.Given(request).AtPriority(PagePriority).RespondWith(VendorStub.Json(body));
            if (onPage.Count < PageSize)
            {
                return;
            }
            after = onPage[^1].Id;
        }
    }

    public void Dispose() => vendor.Dispose();
}

public sealed record StubDevice(int OrganizationId, string Name, string NodeClass, bool Offline = false);
