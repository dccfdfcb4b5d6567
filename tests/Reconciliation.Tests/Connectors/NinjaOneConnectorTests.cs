using BillingOne.BuildingBlocks.Integrations;
using BillingOne.Reconciliation.Connectors.NinjaOne;
using BillingOne.Reconciliation.Connectors.Rmm;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace BillingOne.Reconciliation.Tests.Connectors;

[Trait("Category", "Integration")]
public sealed class NinjaOneConnectorTests : IDisposable
{
    private const string TokenPath = "/ws/oauth/token";
    private const string OrganizationsPath = "/v2/organizations";
    private const string DevicesPath = "/v2/devices";
    private const string Token = "ninja-token-1";

    private readonly VendorStub vendor = new();
    private readonly ConnectorHost host;

    public NinjaOneConnectorTests()
    {
        host = new ConnectorHost(ConnectorHost.Settings(NinjaOneOptions.Section, ("PageSize", "2")));
    }

    private IRmmConnector Connector => host.Connector(Values);

    private IntegrationValues Values => ConnectorHost.Values(RmmVendors.NinjaOneKey, vendor.Url, "billing", "secret");

    [Fact]
    public async Task Organizations_are_read_page_by_page_along_the_after_cursor()
    {
        vendor.IssueTokens(TokenPath, 3600, Token);
        StubPage(OrganizationsPath, after: null, """[{"id":3,"name":"Acme"},{"id":5,"name":"Globex"}]""");
        StubPage(OrganizationsPath, after: "5", """[{"id":8,"name":"Initech"},{"id":9,"name":"Umbrella"}]""");
        StubPage(OrganizationsPath, after: "9", """[{"id":12,"name":"Hooli"}]""");

        var organizations = await Connector.ListOrganizationsAsync().ToListAsync();

        organizations.Select(organization => (organization.VendorId, organization.Name)).ShouldBe(
            [("3", "Acme"), ("5", "Globex"), ("8", "Initech"), ("9", "Umbrella"), ("12", "Hooli")]);
        organizations.ShouldAllBe(organization => organization.Vendor == RmmVendor.NinjaOne);
        vendor.RequestsTo(TokenPath).ShouldBe(1, "one token serves every page");
        var tokenForm = vendor.Server.LogEntries.Single(entry => entry.RequestMessage.Path == TokenPath).RequestMessage.Body!;
        tokenForm.ShouldContain("grant_type=client_credentials");
        tokenForm.ShouldContain("scope=monitoring");
    }

    [Fact]
    public async Task Devices_are_mapped_to_kinds_states_and_last_contact()
    {
        vendor.IssueTokens(TokenPath, 3600, Token);
        StubPage(DevicesPath, after: null, """
            [{"id":10,"organizationId":7,"systemName":"DC01","nodeClass":"WINDOWS_SERVER","approvalStatus":"APPROVED","offline":false,"lastContact":1767603600.5},
             {"id":11,"organizationId":7,"systemName":"MBP-ANNA","nodeClass":"MAC","approvalStatus":"APPROVED","offline":true,"lastContact":1767600000}]
            """);
        StubPage(DevicesPath, after: "11", """
            [{"id":14,"organizationId":7,"systemName":"SW-CORE","nodeClass":"NMS_SWITCH","approvalStatus":"APPROVED","offline":false}]
            """);

        var devices = await Connector.ListDevicesAsync("7").ToListAsync();

        devices.ShouldBe([
            new RmmDevice(RmmVendor.NinjaOne, "10", "7", "DC01", RmmDeviceKind.Server,
                DateTimeOffset.FromUnixTimeMilliseconds(1_767_603_600_500), RmmDeviceState.Online),
            new RmmDevice(RmmVendor.NinjaOne, "11", "7", "MBP-ANNA", RmmDeviceKind.Workstation,
                DateTimeOffset.FromUnixTimeSeconds(1_767_600_000), RmmDeviceState.Offline),
            new RmmDevice(RmmVendor.NinjaOne, "14", "7", "SW-CORE", RmmDeviceKind.Other, null, RmmDeviceState.Online),
        ]);
        vendor.Server.LogEntries.Where(entry => entry.RequestMessage.Path == DevicesPath)
            .ShouldAllBe(entry => entry.RequestMessage.Query!["df"].ToString() == "org = 7");
    }

    [Fact]
    public async Task A_device_awaiting_approval_is_read_as_pending_whether_or_not_its_agent_is_online()
    {
        vendor.IssueTokens(TokenPath, 3600, Token);
        StubPage(DevicesPath, after: null, """
            [{"id":20,"organizationId":7,"systemName":"WS-OLD","nodeClass":"WINDOWS_WORKSTATION","approvalStatus":"APPROVED","offline":false},
             {"id":21,"organizationId":7,"systemName":"WS-NEW","nodeClass":"WINDOWS_WORKSTATION","approvalStatus":"PENDING","offline":false}]
            """);
        StubPage(DevicesPath, after: "21", """
            [{"id":22,"organizationId":7,"systemName":"WS-IDLE","nodeClass":"WINDOWS_WORKSTATION","approvalStatus":"PENDING","offline":true}]
            """);

        var devices = await Connector.ListAllDevicesAsync().ToListAsync();

        devices.Select(device => (device.Name, device.State)).ShouldBe([
            ("WS-OLD", RmmDeviceState.Online), ("WS-NEW", RmmDeviceState.Pending), ("WS-IDLE", RmmDeviceState.Pending)]);
    }

    [Fact]
    public async Task Server_errors_are_retried_until_the_page_arrives()
    {
        vendor.IssueTokens(TokenPath, 3600, Token);
        vendor.Server.Given(PageRequest(OrganizationsPath, after: null)).InScenario("errors").WillSetStateTo("one")
            .RespondWith(Response.Create().WithStatusCode(503));
        vendor.Server.Given(PageRequest(OrganizationsPath, after: null)).InScenario("errors").WhenStateIs("one")
            .WillSetStateTo("two").RespondWith(Response.Create().WithStatusCode(500));
        vendor.Server.Given(PageRequest(OrganizationsPath, after: null)).InScenario("errors").WhenStateIs("two")
            .RespondWith(VendorStub.Json("""[{"id":1,"name":"Acme"}]"""));

        (await Connector.ListOrganizationsAsync().ToListAsync()).Single().Name.ShouldBe("Acme");
        vendor.RequestsTo(OrganizationsPath).ShouldBe(3);
    }

    [Fact]
    public async Task The_service_defaults_retry_handler_is_replaced_not_nested()
    {
        vendor.IssueTokens(TokenPath, 3600, Token);
        vendor.Server.Given(PageRequest(OrganizationsPath, after: null)).RespondWith(Response.Create().WithStatusCode(500));
        using var serviceHost = new ConnectorHost(ConnectorHost.Settings(NinjaOneOptions.Section),
            services => services.ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler()));

        await Should.ThrowAsync<HttpRequestException>(() =>
            serviceHost.Connector(Values).ListOrganizationsAsync().ToListAsync().AsTask());

        vendor.RequestsTo(OrganizationsPath).ShouldBe(4, "one try and the connector's 3 retries; nested handlers would make 16");
    }

    [Fact]
    public async Task A_token_the_api_refuses_is_replaced_and_the_request_repeated()
    {
        vendor.IssueTokens(TokenPath, 3600, "revoked-token", "fresh-token");
        vendor.Server.Given(Request.Create().WithPath(OrganizationsPath).WithHeader("Authorization", "Bearer revoked-token"))
            .RespondWith(Response.Create().WithStatusCode(401));
        vendor.Server.Given(Request.Create().WithPath(OrganizationsPath).WithHeader("Authorization", "Bearer fresh-token"))
            .RespondWith(VendorStub.Json("""[{"id":1,"name":"Acme"}]"""));

        (await Connector.ListOrganizationsAsync().ToListAsync()).Single().Name.ShouldBe("Acme");
        vendor.RequestsTo(TokenPath).ShouldBe(2);
    }

    [Fact]
    public async Task The_token_is_reused_until_it_is_about_to_expire()
    {
        vendor.IssueTokens(TokenPath, 600, "first-token", "second-token");
        foreach (var token in new[] { "first-token", "second-token" })
        {
            vendor.Server.Given(Request.Create().WithPath(OrganizationsPath).WithHeader("Authorization", $"Bearer {token}"))
                .RespondWith(VendorStub.Json("""[{"id":1,"name":"Acme"}]"""));
        }

        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
        using var clockedHost = new ConnectorHost(ConnectorHost.Settings(NinjaOneOptions.Section, ("PageSize", "2")),
            clock: clock);
        var connector = clockedHost.Connector(Values);

        await connector.ListOrganizationsAsync().ToListAsync();
        clock.Advance(TimeSpan.FromMinutes(8));
        await connector.ListOrganizationsAsync().ToListAsync();
        vendor.RequestsTo(TokenPath).ShouldBe(1, "8 of 10 minutes used: still valid");

        clock.Advance(TimeSpan.FromMinutes(1.5)); // within the minute before expiry
        await connector.ListOrganizationsAsync().ToListAsync();
        vendor.RequestsTo(TokenPath).ShouldBe(2);
    }

    [Fact]
    public async Task A_device_without_a_system_name_is_skipped_by_id_and_the_rest_of_the_snapshot_kept()
    {
        vendor.IssueTokens(TokenPath, 3600, Token);
        StubPage(DevicesPath, after: null, """
            [{"id":10,"organizationId":7,"systemName":"DC01","nodeClass":"WINDOWS_SERVER","approvalStatus":"APPROVED","offline":false},
             {"id":11,"organizationId":7,"nodeClass":"WINDOWS_WORKSTATION","approvalStatus":"APPROVED","offline":false}]
            """);
        StubPage(DevicesPath, after: "11", """
            [{"id":12,"organizationId":7,"systemName":" ","nodeClass":"MAC","approvalStatus":"APPROVED","offline":true},
             {"id":14,"organizationId":8,"systemName":"WS-14","nodeClass":"WINDOWS_WORKSTATION","approvalStatus":"PENDING","offline":false}]
            """);
        StubPage(DevicesPath, after: "14", "[]");
        var connector = Connector;

        var devices = await connector.ListAllDevicesAsync().ToListAsync();

        devices.Select(device => device.VendorId).ShouldBe(["10", "14"]);
        connector.Skipped.ShouldBe([
            new RmmSkippedItem("NinjaOne device 11", "'$[1].systemName' is missing or empty (devices page 1, organization 7)"),
            new RmmSkippedItem("NinjaOne device 12", "'$[0].systemName' is missing or empty (devices page 2, organization 7)"),
        ]);
    }

    [Theory]
    [InlineData("""[{"id":4,"systemName":"PC1","nodeClass":"MAC","approvalStatus":"APPROVED","offline":false}]""",
        "$[0].organizationId", "is missing")]
    [InlineData("""[{"id":4,"organizationId":7,"systemName":"PC1","approvalStatus":"APPROVED","offline":false}]""",
        "$[0].nodeClass", "is missing or empty")]
    [InlineData("""[{"id":4,"organizationId":7,"systemName":"PC1","nodeClass":"MAC","approvalStatus":"APPROVED"}]""",
        "$[0].offline", "is missing")]
    [InlineData("""[{"id":4,"organizationId":7,"systemName":"PC1","nodeClass":"MAC","offline":false}]""",
        "$[0].approvalStatus", "is missing or empty")]
    [InlineData("""[{"id":4,"organizationId":7,"systemName":"PC1","nodeClass":"MAC","approvalStatus":"REVIEW","offline":false}]""",
        "$[0].approvalStatus", "is 'REVIEW', not APPROVED or PENDING")]
    [InlineData("""[{"organizationId":7,"systemName":"PC1","nodeClass":"MAC","approvalStatus":"APPROVED","offline":false}]""",
        "$[0].id", "is missing")]
    [InlineData("""[{"id":"four","organizationId":7}]""", "$[0].id", "does not parse as the documented type")]
    [InlineData("""[null]""", "$[0]", "is missing or null")]
    [InlineData("""{"devices":[]}""", "$", "does not parse as the documented type")]
    public async Task A_malformed_page_is_rejected_naming_the_field(string body, string field, string reason)
    {
        vendor.IssueTokens(TokenPath, 3600, Token);
        StubPage(DevicesPath, after: null, body);

        var rejection = await Should.ThrowAsync<RmmPageRejectedException>(() => Connector.ListAllDevicesAsync().ToListAsync().AsTask());

        (rejection.Vendor, rejection.Resource, rejection.PageNumber, rejection.Field, rejection.Reason)
            .ShouldBe((RmmVendor.NinjaOne, DevicesPath, 1, field, reason));
    }

    [Fact]
    public async Task A_page_that_does_not_move_the_cursor_forward_is_rejected()
    {
        vendor.IssueTokens(TokenPath, 3600, Token);
        StubPage(OrganizationsPath, after: null, """[{"id":3,"name":"Acme"},{"id":5,"name":"Globex"}]""");
        StubPage(OrganizationsPath, after: "5", """[{"id":5,"name":"Globex"},{"id":6,"name":"Initech"}]""");

        var rejection = await Should.ThrowAsync<RmmPageRejectedException>(() => Connector.ListOrganizationsAsync().ToListAsync().AsTask());

        (rejection.PageNumber, rejection.Field).ShouldBe((2, "$[0].id"));
        rejection.Message.ShouldContain("paging would repeat items");
    }

    [Fact]
    public async Task A_device_of_another_organization_in_a_filtered_page_is_rejected()
    {
        vendor.IssueTokens(TokenPath, 3600, Token);
        StubPage(DevicesPath, after: null, """
            [{"id":4,"organizationId":8,"systemName":"PC1","nodeClass":"MAC","approvalStatus":"APPROVED","offline":false}]
            """);

        var rejection = await Should.ThrowAsync<RmmPageRejectedException>(() => Connector.ListDevicesAsync("7").ToListAsync().AsTask());

        (rejection.Field, rejection.Reason).ShouldBe(("$[0].organizationId", "is 8, not the organization asked for (7)"));
    }

    [Fact]
    public async Task A_page_longer_than_asked_for_is_rejected()
    {
        vendor.IssueTokens(TokenPath, 3600, Token);
        StubPage(OrganizationsPath, after: null, """[{"id":1,"name":"A"},{"id":2,"name":"B"},{"id":3,"name":"C"}]""");

        var rejection = await Should.ThrowAsync<RmmPageRejectedException>(() => Connector.ListOrganizationsAsync().ToListAsync().AsTask());

        (rejection.PageNumber, rejection.Field).ShouldBe((1, "$"));
    }

    [Fact]
    public async Task The_connection_check_reports_refused_credentials_by_their_OAuth_code_without_echoing_the_answer()
    {
        vendor.Server.Given(Request.Create().WithPath(TokenPath).UsingPost())
            .RespondWith(VendorStub.Json("""{"error":"invalid_client","error_description":"internal host db-7 said no"}""", 401));

        var check = await Connector.CheckConnectionAsync();

        check.Succeeded.ShouldBeFalse();
        var failure = check.Failure.ShouldNotBeNull();
        failure.ShouldContain("(401): invalid_client");
        failure.ShouldNotContain("db-7");
    }

    [Fact]
    public async Task The_connection_check_counts_the_organizations()
    {
        vendor.IssueTokens(TokenPath, 3600, Token);
        StubPage(OrganizationsPath, after: null, """[{"id":3,"name":"Acme"},{"id":5,"name":"Globex"}]""");
        StubPage(OrganizationsPath, after: "5", """[{"id":8,"name":"Initech"}]""");

        (await Connector.CheckConnectionAsync()).ShouldBe(new RmmConnectionCheck(RmmVendor.NinjaOne, 3, null));
    }

    private void StubPage(string path, string? after, string body) =>
        vendor.Server.Given(PageRequest(path, after).WithHeader("Authorization", $"Bearer {Token}"))
            .RespondWith(VendorStub.Json(body));

    private static IRequestBuilder PageRequest(string path, string? after)
    {
        var request = Request.Create().WithPath(path).UsingGet();
        return after is null ? request.WithParam("after", MatchBehaviour.RejectOnMatch) : request.WithParam("after", after);
    }

    public void Dispose()
    {
        host.Dispose();
        vendor.Dispose();
    }
}
