using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace BillingOne.Sandbox.Tests;

[Trait("Category", "Integration")]
public sealed class DattoApiTests(SandboxApp app) : IClassFixture<SandboxApp>
{
    // The wire names the Datto connector reads, spelled out so the tests pin them.
    private sealed record PageDetails(int Count, int TotalCount, string? PrevPageUrl, string? NextPageUrl);

    private sealed record SitesPage(PageDetails PageDetails, List<Site> Sites);

    private sealed record DevicesPage(PageDetails PageDetails, List<Device> Devices);

    private sealed record Site(int Id, string Uid, string Name, DevicesStatus DevicesStatus);

    private sealed record DevicesStatus(int NumberOfDevices, int NumberOfOnlineDevices, int NumberOfOfflineDevices);

    private sealed record Device(int Id, string Uid, string SiteUid, string Hostname, DeviceType DeviceType, bool Online,
        bool Deleted, long LastSeen, long CreationDate);

    private sealed record DeviceType(string Category, string Type);

    [Fact]
    public async Task The_token_endpoint_takes_the_api_key_as_a_password_grant_from_the_public_client()
    {
        using var response = await app.RequestDattoTokenAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var token = (await response.Content.ReadFromJsonAsync<SandboxApp.TokenResponse>())!;
        token.AccessToken.ShouldNotBeNullOrWhiteSpace();
        token.TokenType.ShouldBe("bearer");
        token.ExpiresIn.ShouldBe((int)SandboxApp.TokenLifetime.TotalSeconds);
        token.Scope.ShouldBe("default");
    }

    [Theory]
    [InlineData(SandboxApp.ClientId, "wrong secret", "public-client:public", HttpStatusCode.BadRequest, "invalid_grant")]
    [InlineData("unknown-key", SandboxApp.ClientSecret, "public-client:public", HttpStatusCode.BadRequest, "invalid_grant")]
    [InlineData(SandboxApp.ClientId, SandboxApp.ClientSecret, "public-client:wrong", HttpStatusCode.Unauthorized, "invalid_client")]
    [InlineData(SandboxApp.ClientId, SandboxApp.ClientSecret, "another-client:public", HttpStatusCode.Unauthorized, "invalid_client")]
    public async Task Wrong_credentials_are_refused_with_the_oauth_error(
        string apiKey, string apiSecret, string publicClient, HttpStatusCode status, string error)
    {
        using var response = await app.RequestDattoTokenAsync(apiKey, apiSecret, publicClient);

        response.StatusCode.ShouldBe(status);
        (await response.Content.ReadFromJsonAsync<SandboxApp.TokenError>())!.Error.ShouldBe(error);
    }

    [Fact]
    public async Task A_client_credentials_grant_is_not_datto_and_is_refused()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/oauth/token")
        {
            Headers = { Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("public-client:public"u8)) },
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = SandboxApp.ClientId,
                ["client_secret"] = SandboxApp.ClientSecret,
            }),
        };

        using var response = await app.CreateClient().SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<SandboxApp.TokenError>())!.Error.ShouldBe("unsupported_grant_type");
    }

    [Fact]
    public async Task Without_a_datto_token_the_api_answers_401_and_another_vendors_token_gets_403()
    {
        using var ninjaOne = await app.CreateAuthorizedClientAsync();

        using var anonymous = await app.CreateClient().GetAsync("/api/v2/account/sites");
        using var foreign = await ninjaOne.GetAsync("/api/v2/account/sites");

        anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        anonymous.Headers.WwwAuthenticate.ShouldHaveSingleItem().Scheme.ShouldBe("Bearer");
        foreign.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("/v2/organizations")]
    [InlineData("/v1/companies")]
    public async Task A_datto_token_reads_no_other_vendors_api(string url)
    {
        using var datto = await app.CreateDattoClientAsync();

        using var response = await datto.GetAsync(url);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Following_next_page_urls_walks_every_site_once_and_the_last_page_has_none()
    {
        using var client = await app.CreateDattoClientAsync();

        var pages = await WalkAsync<SitesPage>(client, "/api/v2/account/sites?max=50&page=0", page => page.PageDetails);

        var sites = pages.SelectMany(page => page.Sites).ToList();
        sites.Select(site => (site.Id, site.Name)).ShouldBe(app.Data.Clients.Select(demo => (demo.Id, demo.Name)));
        sites.Select(site => site.Uid).Distinct().Count().ShouldBe(sites.Count);
        pages.Count.ShouldBe((app.Data.Clients.Count + 49) / 50);
        pages.ShouldAllBe(page => page.PageDetails.TotalCount == app.Data.Clients.Count);
        pages[0].PageDetails.PrevPageUrl.ShouldBeNull();
        pages[^1].PageDetails.NextPageUrl.ShouldBeNull();
        var expected = app.Data.Clients.ToDictionary(demo => demo.Id);
        sites.ShouldAllBe(site => site.DevicesStatus.NumberOfDevices == expected[site.Id].Devices);
    }

    [Fact]
    public async Task Following_next_page_urls_walks_every_account_device_once_in_the_largest_pages()
    {
        using var client = await app.CreateDattoClientAsync();

        var pages = await WalkAsync<DevicesPage>(client, "/api/v2/account/devices?max=250&page=0", page => page.PageDetails);

        var devices = pages.SelectMany(page => page.Devices).ToList();
        devices.Select(device => device.Id).ShouldBe(app.Data.Devices.Select(device => device.Id));
        devices.Select(device => device.Uid).Distinct().Count().ShouldBe(devices.Count);
        pages.Take(pages.Count - 1).ShouldAllBe(page => page.PageDetails.Count == 250);
        pages.Count.ShouldBe((app.Data.Devices.Count + 249) / 250);
    }

    [Fact]
    public async Task A_sites_devices_are_only_that_sites_and_match_the_ninjaone_organizations_devices()
    {
        using var client = await app.CreateDattoClientAsync();
        var largest = app.Data.Clients.MaxBy(demo => demo.Devices)!;
        var site = (await client.GetFromJsonAsync<SitesPage>("/api/v2/account/sites?max=250"))!.Sites
            .Single(candidate => candidate.Id == largest.Id);

        var pages = await WalkAsync<DevicesPage>(client, $"/api/v2/site/{site.Uid}/devices?max=100&page=0",
            page => page.PageDetails);

        var devices = pages.SelectMany(page => page.Devices).ToList();
        devices.Count.ShouldBe(largest.Devices);
        devices.ShouldAllBe(device => device.SiteUid == site.Uid);
        devices.Select(device => device.Hostname).ShouldBe(
            app.Data.Devices.Where(device => device.ClientId == largest.Id).Select(device => device.SystemName));
    }

    [Fact]
    public async Task A_device_carries_the_fields_the_connector_maps()
    {
        using var client = await app.CreateDattoClientAsync();
        var expected = app.Data.Devices.First(device => device.IsServer);

        var device = (await client.GetFromJsonAsync<DevicesPage>($"/api/v2/account/devices?max=1&page={expected.Id - 1}"))!
            .Devices.ShouldHaveSingleItem();
        var workstations = (await client.GetFromJsonAsync<DevicesPage>("/api/v2/account/devices?max=250"))!.Devices
            .Where(candidate => candidate.DeviceType.Category != "Server").ToList();

        device.Id.ShouldBe(expected.Id);
        device.Hostname.ShouldBe(expected.SystemName);
        device.DeviceType.Category.ShouldBe("Server");
        device.Online.ShouldBe(expected.Online);
        device.Deleted.ShouldBeFalse();
        device.LastSeen.ShouldBe(expected.LastContactAt.ToUnixTimeMilliseconds());
        device.CreationDate.ShouldBe(expected.CreatedAt.ToUnixTimeMilliseconds());
        workstations.Select(candidate => candidate.DeviceType.Category).Distinct().Order().ShouldBe(["Desktop", "Laptop"]);
    }

    [Theory]
    [InlineData("/api/v2/account/sites?max=251")]
    [InlineData("/api/v2/account/devices?max=0")]
    [InlineData("/api/v2/account/devices?page=-1")]
    public async Task Pages_outside_the_limits_are_refused_with_a_problem(string url)
    {
        using var client = await app.CreateDattoClientAsync();

        using var response = await client.GetAsync(url);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task An_unknown_site_is_404_and_a_page_past_the_end_is_empty_without_a_next_page()
    {
        using var client = await app.CreateDattoClientAsync();

        using var unknown = await client.GetAsync($"/api/v2/site/{Guid.NewGuid()}/devices");
        var past = (await client.GetFromJsonAsync<SitesPage>("/api/v2/account/sites?max=250&page=7"))!;

        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        past.Sites.ShouldBeEmpty();
        past.PageDetails.NextPageUrl.ShouldBeNull();
        past.PageDetails.TotalCount.ShouldBe(app.Data.Clients.Count);
    }

    [Fact]
    public async Task Two_sandboxes_with_the_same_seed_give_sites_and_devices_the_same_uids()
    {
        await using var twin = new SandboxApp();
        using var first = await app.CreateDattoClientAsync();
        using var second = await twin.CreateDattoClientAsync();

        var fromFirst = await first.GetStringAsync("/api/v2/account/devices?max=100&page=2");
        var fromSecond = await second.GetStringAsync("/api/v2/account/devices?max=100&page=2");

        fromSecond.ShouldBe(fromFirst);
    }

    /// <summary>Reads pages as the connector does: the next request is the path and query of <c>nextPageUrl</c>.</summary>
    private static async Task<List<TPage>> WalkAsync<TPage>(HttpClient client, string firstUrl, Func<TPage, PageDetails> detailsOf)
    {
        var pages = new List<TPage>();
        for (var url = firstUrl; url is not null;)
        {
            var page = (await client.GetFromJsonAsync<TPage>(url))!;
            pages.Add(page);
            var next = detailsOf(page).NextPageUrl;
            url = string.IsNullOrEmpty(next) ? null : new Uri(next, UriKind.Absolute).PathAndQuery;
            pages.Count.ShouldBeLessThan(1000, "paging must end");
        }
        return pages;
    }
}
