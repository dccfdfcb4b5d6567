using System.Diagnostics;
using System.Net;
using BillingOne.BuildingBlocks.Http.OAuth;
using BillingOne.Reconciliation.Connectors.Datto;
using BillingOne.Reconciliation.Connectors.NinjaOne;
using BillingOne.Reconciliation.Connectors.Rmm;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace BillingOne.Reconciliation.Tests.Connectors;

/// <summary>
/// What both RMM connectors must do with the answers every vendor API gives sooner or later (docs/vendors.md, Contract
/// behaviours): rate limits with and without <c>Retry-After</c>, an access token refused even when new, and an
/// account with nothing in it. The list answers are each vendor's documented shapes: NinjaOne's <c>/v2/organizations</c>
/// is a bare array, Datto RMM's <c>/api/v2/account/sites</c> an object with <c>pageDetails</c> and <c>sites</c>.
/// </summary>
[Trait("Category", "Integration")]
public sealed class RmmContractTests : IDisposable
{
    /// <summary>The retries <see cref="ConnectorHost.Settings"/> configures.</summary>
    private const int MaxRetries = 3;

    private readonly VendorStub vendor = new();

    public static TheoryData<string> Vendors => [RmmVendors.NinjaOneKey, RmmVendors.DattoRmmKey];

    [Theory]
    [MemberData(nameof(Vendors))]
    public async Task A_429_with_retry_after_waits_the_seconds_it_names_then_reads_the_page(string key)
    {
        var api = Api.Of(key);
        vendor.IssueTokens(api.TokenPath, 3600, "token-1");
        vendor.Server.Given(OrganizationsRequest(api)).InScenario("limit").WillSetStateTo("waited")
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "1"));
        vendor.Server.Given(OrganizationsRequest(api)).InScenario("limit").WhenStateIs("waited")
            .RespondWith(VendorStub.Json(api.OneOrganization));
        using var host = Host(api);
        var stopwatch = Stopwatch.StartNew();

        var organizations = await Connector(host, api).ListOrganizationsAsync().ToListAsync();

        organizations.ShouldHaveSingleItem().Name.ShouldBe("Acme");
        stopwatch.Elapsed.ShouldBeGreaterThan(TimeSpan.FromMilliseconds(900), "Retry-After: 1 outweighs the 10 ms backoff");
        vendor.RequestsTo(api.OrganizationsPath).ShouldBe(2);
    }

    [Theory]
    [MemberData(nameof(Vendors))]
    public async Task A_429_without_retry_after_backs_off_a_bounded_number_of_times_then_fails_naming_the_status(string key)
    {
        var api = Api.Of(key);
        vendor.IssueTokens(api.TokenPath, 3600, "token-1");
        vendor.Server.Given(OrganizationsRequest(api)).RespondWith(Response.Create().WithStatusCode(429));
        using var host = Host(api);
        var stopwatch = Stopwatch.StartNew();

        var failure = await Should.ThrowAsync<HttpRequestException>(
            () => Connector(host, api).ListOrganizationsAsync().ToListAsync().AsTask());

        failure.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        vendor.RequestsTo(api.OrganizationsPath).ShouldBe(MaxRetries + 1);
        stopwatch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10), "10 ms doubling three times, not a wait without end");
    }

    [Theory]
    [MemberData(nameof(Vendors))]
    public async Task A_token_refused_again_after_one_renewal_fails_clearly_instead_of_asking_for_more(string key)
    {
        var api = Api.Of(key);
        vendor.IssueTokens(api.TokenPath, 3600, "expired-token", "renewed-token", "third-token");
        vendor.Server.Given(OrganizationsRequest(api)).RespondWith(VendorStub.Json("""{"error":"invalid_token"}""", 401));
        using var host = Host(api);
        var connector = Connector(host, api);

        var failure = await Should.ThrowAsync<AccessTokenRejectedException>(
            () => connector.ListOrganizationsAsync().ToListAsync().AsTask());
        var check = await connector.CheckConnectionAsync();

        failure.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        failure.Message.ShouldContain("refused its access token twice");
        check.Failure.ShouldBe(failure.Message);
        vendor.RequestsTo(api.TokenPath).ShouldBe(3, "one renewal per call: the read and the connection check");
        vendor.RequestsTo(api.OrganizationsPath).ShouldBe(4);
    }

    [Theory]
    [MemberData(nameof(Vendors))]
    public async Task An_empty_first_page_is_zero_items_and_ends_the_paging(string key)
    {
        var api = Api.Of(key);
        vendor.IssueTokens(api.TokenPath, 3600, "token-1");
        vendor.Server.Given(OrganizationsRequest(api)).RespondWith(VendorStub.Json(api.NoOrganizations));
        using var host = Host(api);
        var connector = Connector(host, api);

        var organizations = await connector.ListOrganizationsAsync().ToListAsync();
        var check = await connector.CheckConnectionAsync();

        organizations.ShouldBeEmpty();
        check.ShouldBe(new RmmConnectionCheck(api.Vendor, 0, null));
        vendor.RequestsTo(api.OrganizationsPath).ShouldBe(2, "one page per read");
        connector.Skipped.ShouldBeEmpty();
    }

    private static ConnectorHost Host(Api api) =>
        new(ConnectorHost.Settings(api.Section, ("PageSize", "2")));

    private IRmmConnector Connector(ConnectorHost host, Api api) =>
        host.Connector(ConnectorHost.Values(api.Key, vendor.Url, "client-id", "client-secret"));

    private static IRequestBuilder OrganizationsRequest(Api api) =>
        Request.Create().WithPath(api.OrganizationsPath).UsingGet();

    public void Dispose() => vendor.Dispose();

    /// <param name="OneOrganization">A last page holding one organization named Acme.</param>
    private sealed record Api(string Key, RmmVendor Vendor, string Section, string TokenPath, string OrganizationsPath,
        string OneOrganization, string NoOrganizations)
    {
        public static Api Of(string key) => key switch
        {
            RmmVendors.NinjaOneKey => new(key, RmmVendor.NinjaOne, NinjaOneOptions.Section, "/ws/oauth/token",
                "/v2/organizations", """[{"id":1,"name":"Acme"}]""", "[]"),
            RmmVendors.DattoRmmKey => new(key, RmmVendor.DattoRmm, DattoRmmOptions.Section, "/auth/oauth/token",
                "/api/v2/account/sites",
                """{"pageDetails":{"count":1,"totalCount":1,"prevPageUrl":null,"nextPageUrl":null},"sites":[{"uid":"s1","name":"Acme"}]}""",
                """{"pageDetails":{"count":0,"totalCount":0,"prevPageUrl":null,"nextPageUrl":null},"sites":[]}"""),
            _ => throw new ArgumentOutOfRangeException(nameof(key), key, "not an RMM this test knows"),
        };
    }
}
