using System.Text;
using BillingOne.Reconciliation.Connectors.Datto;
using BillingOne.Reconciliation.Connectors.Rmm;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace BillingOne.Reconciliation.Tests.Connectors;

[Trait("Category", "Integration")]
public sealed class DattoRmmConnectorTests : IDisposable
{
    private const string TokenPath = "/auth/oauth/token";
    private const string SitesPath = "/api/v2/account/sites";
    private const string SiteDevicesPath = "/api/v2/site/site-a/devices";
    private const string AccountDevicesPath = "/api/v2/account/devices";
    private const string Token = "datto-token-1";

    private readonly VendorStub vendor = new();
    private readonly ConnectorHost host;

    public DattoRmmConnectorTests()
    {
        host = new ConnectorHost(ConnectorHost.Settings(DattoRmmOptions.Section, ("PageSize", "2")));
    }

    private IRmmConnector Connector =>
        host.Connector(ConnectorHost.Values(RmmVendors.DattoRmmKey, vendor.Url, "api-key", "api-secret"));

    [Fact]
    public async Task Sites_are_read_by_following_next_page_urls()
    {
        vendor.IssueTokens(TokenPath, 360_000, Token);
        StubPage(SitesPath, "0", Page(SitesPath, "1", "sites", """{"uid":"s1","name":"Acme"},{"uid":"s2","name":"Globex"}"""));
        StubPage(SitesPath, "1", Page(SitesPath, "2", "sites", """{"uid":"s3","name":"Initech"},{"uid":"s4","name":"Umbrella"}"""));
        StubPage(SitesPath, "2", Page(SitesPath, null, "sites", """{"uid":"s5","name":"Hooli"}"""));

        var sites = await Connector.ListOrganizationsAsync().ToListAsync();

        sites.Select(site => (site.VendorId, site.Name)).ShouldBe(
            [("s1", "Acme"), ("s2", "Globex"), ("s3", "Initech"), ("s4", "Umbrella"), ("s5", "Hooli")]);
        var tokenRequest = vendor.Server.LogEntries.Single(entry => entry.RequestMessage.Path == TokenPath).RequestMessage;
        tokenRequest.Body!.ShouldBe("grant_type=password&username=api-key&password=api-secret");
        tokenRequest.Headers!["Authorization"].ToString()
            .ShouldBe($"Basic {Convert.ToBase64String(Encoding.UTF8.GetBytes("public-client:public"))}");
    }

    [Fact]
    public async Task Site_devices_are_mapped_to_kinds_states_and_last_seen()
    {
        vendor.IssueTokens(TokenPath, 360_000, Token);
        StubPage(SiteDevicesPath, "0", Page(SiteDevicesPath, null, "devices", """
            {"uid":"d1","siteUid":"site-a","hostname":"DESK-1","deviceType":{"category":"Desktop"},"online":true,"lastSeen":1767603600000},
            {"uid":"d2","siteUid":"site-a","hostname":"SRV-1","deviceType":{"category":"Server"},"online":false,"lastSeen":1767600000000},
            {"uid":"d3","siteUid":"site-a","hostname":"PRN-1","deviceType":{"category":"Printer"},"online":true},
            {"uid":"d4","siteUid":"site-a","hostname":"OLD-LAPTOP","deviceType":{"category":"Laptop"},"online":false,"deleted":true}
            """));

        var devices = await Connector.ListDevicesAsync("site-a").ToListAsync();

        devices.ShouldBe([
            new RmmDevice(RmmVendor.DattoRmm, "d1", "site-a", "DESK-1", RmmDeviceKind.Workstation,
                DateTimeOffset.FromUnixTimeMilliseconds(1_767_603_600_000), RmmDeviceState.Online),
            new RmmDevice(RmmVendor.DattoRmm, "d2", "site-a", "SRV-1", RmmDeviceKind.Server,
                DateTimeOffset.FromUnixTimeMilliseconds(1_767_600_000_000), RmmDeviceState.Offline),
            new RmmDevice(RmmVendor.DattoRmm, "d3", "site-a", "PRN-1", RmmDeviceKind.Other, null, RmmDeviceState.Online),
            new RmmDevice(RmmVendor.DattoRmm, "d4", "site-a", "OLD-LAPTOP", RmmDeviceKind.Workstation, null,
                RmmDeviceState.Retired),
        ]);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(502)]
    public async Task A_throttled_or_failing_page_is_retried(int statusCode)
    {
        vendor.IssueTokens(TokenPath, 360_000, Token);
        vendor.Server.Given(Request.Create().WithPath(SitesPath).UsingGet()).InScenario("flaky").WillSetStateTo("recovered")
            .RespondWith(Response.Create().WithStatusCode(statusCode).WithHeader("Retry-After", "0"));
        vendor.Server.Given(Request.Create().WithPath(SitesPath).UsingGet()).InScenario("flaky").WhenStateIs("recovered")
            .RespondWith(VendorStub.Json(Page(SitesPath, null, "sites", """{"uid":"s1","name":"Acme"}""")));

        (await Connector.ListOrganizationsAsync().ToListAsync()).Single().VendorId.ShouldBe("s1");
        vendor.RequestsTo(SitesPath).ShouldBe(2);
    }

    [Fact]
    public async Task An_expired_token_is_replaced_and_the_request_repeated()
    {
        vendor.IssueTokens(TokenPath, 360_000, "expired-token", "fresh-token");
        vendor.Server.Given(Request.Create().WithPath(SitesPath).WithHeader("Authorization", "Bearer expired-token"))
            .RespondWith(VendorStub.Json("""{"error":"invalid_token"}""", 401));
        vendor.Server.Given(Request.Create().WithPath(SitesPath).WithHeader("Authorization", "Bearer fresh-token"))
            .RespondWith(VendorStub.Json(Page(SitesPath, null, "sites", """{"uid":"s1","name":"Acme"}""")));

        (await Connector.ListOrganizationsAsync().ToListAsync()).Single().VendorId.ShouldBe("s1");
        vendor.RequestsTo(TokenPath).ShouldBe(2);
    }

    [Fact]
    public async Task A_device_without_a_hostname_type_or_online_flag_is_skipped_by_uid_and_the_rest_of_the_snapshot_kept()
    {
        vendor.IssueTokens(TokenPath, 360_000, Token);
        StubPage(AccountDevicesPath, "0", Page(AccountDevicesPath, "1", "devices", """
            {"uid":"d1","siteUid":"site-a","hostname":"DESK-1","deviceType":{"category":"Desktop","type":"Desktop"},"online":true},
            {"uid":"d2","siteUid":"site-a","deviceType":{"category":"Laptop","type":"Laptop"},"online":true}
            """));
        StubPage(AccountDevicesPath, "1", Page(AccountDevicesPath, null, "devices", """
            {"uid":"d3","siteUid":"site-b","hostname":"NAS-1","online":false},
            {"uid":"d4","siteUid":"site-b","hostname":"SRV-1","deviceType":{"category":"Server","type":"Server"},"online":false},
            {"uid":"d5","siteUid":"site-b","hostname":"SRV-2","deviceType":{"category":"Server","type":"Server"}}
            """));
        var connector = Connector;

        var devices = await connector.ListAllDevicesAsync().ToListAsync();

        devices.Select(device => device.VendorId).ShouldBe(["d1", "d4"]);
        connector.Skipped.ShouldBe([
            new RmmSkippedItem("Datto RMM device d2", "'$.devices[1].hostname' is missing or empty (devices page 1, site site-a)"),
            new RmmSkippedItem("Datto RMM device d3", "'$.devices[0].deviceType' is missing or null (devices page 2, site site-b)"),
            new RmmSkippedItem("Datto RMM device d5", "'$.devices[2].online' is missing (devices page 2, site site-b)"),
        ]);
    }

    [Theory]
    [InlineData("""{"devices":[]}""", "$.pageDetails", "is missing or null")]
    [InlineData("""{"pageDetails":{}}""", "$.devices", "is missing or null")]
    [InlineData("""{"pageDetails":{},"devices":[{"siteUid":"site-a","hostname":"PC","deviceType":{"category":"Desktop"},"online":true}]}""",
        "$.devices[0].uid", "is missing or empty")]
    [InlineData("""{"pageDetails":{},"devices":[{"uid":"d1","siteUid":"site-b","hostname":"PC","deviceType":{"category":"Desktop"},"online":true}]}""",
        "$.devices[0].siteUid", "is 'site-b', not the site asked for ('site-a')")]
    [InlineData("""{"pageDetails":{"nextPageUrl":"https://evil.example/api/v2/account/sites?page=1"},"devices":[]}""",
        "$.pageDetails.nextPageUrl", "is 'https://evil.example/api/v2/account/sites?page=1', not an absolute URL of /api/v2/site/site-a/devices")]
    public async Task A_malformed_page_is_rejected_naming_the_field(string body, string field, string reason)
    {
        vendor.IssueTokens(TokenPath, 360_000, Token);
        StubPage(SiteDevicesPath, "0", body);

        var rejection = await Should.ThrowAsync<RmmPageRejectedException>(() => Connector.ListDevicesAsync("site-a").ToListAsync().AsTask());

        (rejection.Vendor, rejection.Resource, rejection.PageNumber, rejection.Field, rejection.Reason)
            .ShouldBe((RmmVendor.DattoRmm, SiteDevicesPath, 1, field, reason));
    }

    [Fact]
    public async Task A_next_page_url_pointing_back_to_a_read_page_is_rejected()
    {
        vendor.IssueTokens(TokenPath, 360_000, Token);
        StubPage(SitesPath, "0", Page(SitesPath, "1", "sites", """{"uid":"s1","name":"Acme"},{"uid":"s2","name":"Globex"}"""));
        StubPage(SitesPath, "1", Page(SitesPath, "0", "sites", """{"uid":"s3","name":"Initech"}"""));

        var rejection = await Should.ThrowAsync<RmmPageRejectedException>(() => Connector.ListOrganizationsAsync().ToListAsync().AsTask());

        (rejection.PageNumber, rejection.Field).ShouldBe((2, "$.pageDetails.nextPageUrl"));
        rejection.Reason.ShouldEndWith("paging would loop");
    }

    [Fact]
    public async Task An_item_repeated_on_a_later_page_is_rejected()
    {
        vendor.IssueTokens(TokenPath, 360_000, Token);
        StubPage(SitesPath, "0", Page(SitesPath, "1", "sites", """{"uid":"s1","name":"Acme"},{"uid":"s2","name":"Globex"}"""));
        StubPage(SitesPath, "1", Page(SitesPath, null, "sites", """{"uid":"s2","name":"Globex"}"""));

        var rejection = await Should.ThrowAsync<RmmPageRejectedException>(() => Connector.ListOrganizationsAsync().ToListAsync().AsTask());

        (rejection.PageNumber, rejection.Field).ShouldBe((2, "$.sites[0].uid"));
    }

    /// <summary>A Datto list answer; <paramref name="nextPage"/> null marks the last page.</summary>
    private string Page(string path, string? nextPage, string itemsName, string items)
    {
        var next = nextPage is null ? "null" : $"\"{vendor.Url}{path}?max=2&page={nextPage}\"";
        return $$"""{"pageDetails":{"count":2,"nextPageUrl":{{next}}},"{{itemsName}}":[{{items}}]}""";
    }

    private void StubPage(string path, string page, string body) =>
        vendor.Server.Given(Request.Create().WithPath(path).WithParam("page", page).UsingGet()
                .WithHeader("Authorization", $"Bearer {Token}"))
            .RespondWith(VendorStub.Json(body));

    public void Dispose()
    {
        host.Dispose();
        vendor.Dispose();
    }
}
