using System.Net;
using System.Net.Http.Json;

namespace BillingOne.Sandbox.Tests;

[Trait("Category", "Integration")]
public sealed class NinjaOneApiTests(SandboxApp app) : IClassFixture<SandboxApp>
{
    private sealed record Organization(int Id, string Name, string? Description, string NodeApprovalMode);

    private sealed record Device(int Id, int OrganizationId, int LocationId, string NodeClass, string ApprovalStatus,
        bool Offline, string DisplayName, string SystemName, string DnsName, double Created, double LastContact,
        double LastUpdate);

    [Fact]
    public async Task Paging_devices_by_after_walks_every_device_exactly_once()
    {
        using var client = await app.CreateAuthorizedClientAsync();
        const int pageSize = 97;
        var seen = new List<int>();
        var pages = 0;
        List<Device> page;
        do
        {
            var after = seen.Count == 0 ? "" : $"&after={seen[^1]}";
            page = (await client.GetFromJsonAsync<List<Device>>($"/v2/devices?pageSize={pageSize}{after}"))!;
            page.Count.ShouldBeLessThanOrEqualTo(pageSize);
            seen.AddRange(page.Select(device => device.Id));
            pages++;
        }
        while (page.Count == pageSize);

        seen.Count.ShouldBe(seen.Distinct().Count(), "no device may appear on two pages");
        seen.ShouldBe(app.Data.Devices.Select(device => device.Id), "every device, in id order");
        pages.ShouldBe(app.Data.Devices.Count / pageSize + 1);
    }

    [Fact]
    public async Task Paging_organizations_walks_every_client_exactly_once()
    {
        using var client = await app.CreateAuthorizedClientAsync();
        var seen = new List<Organization>();
        List<Organization> page;
        do
        {
            var after = seen.Count == 0 ? 0 : seen[^1].Id;
            page = (await client.GetFromJsonAsync<List<Organization>>($"/v2/organizations?pageSize=25&after={after}"))!;
            seen.AddRange(page);
        }
        while (page.Count == 25);

        seen.Select(organization => (organization.Id, organization.Name))
            .ShouldBe(app.Data.Clients.Select(demo => (demo.Id, demo.Name)));
    }

    [Fact]
    public async Task A_device_carries_the_documented_fields()
    {
        using var client = await app.CreateAuthorizedClientAsync();
        var expected = app.Data.Devices[0];

        var device = (await client.GetFromJsonAsync<List<Device>>("/v2/devices?pageSize=1"))!.ShouldHaveSingleItem();

        device.Id.ShouldBe(expected.Id);
        device.OrganizationId.ShouldBe(expected.ClientId);
        device.LocationId.ShouldBe(expected.SiteId);
        device.SystemName.ShouldBe(expected.SystemName);
        device.NodeClass.ShouldBeOneOf("WINDOWS_WORKSTATION", "MAC", "WINDOWS_SERVER", "LINUX_SERVER");
        device.ApprovalStatus.ShouldBe(expected.Approved ? "APPROVED" : "PENDING");
        device.Offline.ShouldBe(!expected.Online);
        device.Created.ShouldBe(expected.CreatedAt.ToUnixTimeMilliseconds() / 1000.0);
    }

    [Fact]
    public async Task Device_filter_by_organization_returns_only_those_organizations_devices()
    {
        using var client = await app.CreateAuthorizedClientAsync();
        var largest = app.Data.Clients.MaxBy(demo => demo.Devices)!;
        var second = app.Data.Clients.First(demo => demo.Devices > 0 && demo.Id != largest.Id);

        var one = (await client.GetFromJsonAsync<List<Device>>(
            $"/v2/devices?df={Uri.EscapeDataString($"org = {largest.Id}")}"))!;
        var two = (await client.GetFromJsonAsync<List<Device>>(
            $"/v2/devices?df={Uri.EscapeDataString($"org in ({largest.Id}, {second.Id})")}"))!;

        one.Count.ShouldBe(largest.Devices);
        one.ShouldAllBe(device => device.OrganizationId == largest.Id);
        two.Count.ShouldBe(largest.Devices + second.Devices);
    }

    [Theory]
    [InlineData("/v2/devices?df=status%20%3D%20'ONLINE'", "Unsupported device filter")]
    [InlineData("/v2/devices?pageSize=0", "Invalid page size")]
    [InlineData("/v2/organizations?pageSize=5000", "Invalid page size")]
    public async Task Bad_queries_are_refused_with_a_problem(string url, string title)
    {
        using var client = await app.CreateAuthorizedClientAsync();

        using var response = await client.GetAsync(url);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadAsStringAsync()).ShouldContain(title);
    }

    [Fact]
    public async Task A_non_numeric_cursor_is_a_bad_request_not_a_server_error()
    {
        using var client = await app.CreateAuthorizedClientAsync();

        using var response = await client.GetAsync("/v2/devices?after=abc");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task Two_sandboxes_with_the_same_seed_serve_the_same_devices()
    {
        await using var twin = new SandboxApp();
        using var first = await app.CreateAuthorizedClientAsync();
        using var second = await twin.CreateAuthorizedClientAsync();

        var fromFirst = await first.GetStringAsync("/v2/devices?pageSize=500&after=100");
        var fromSecond = await second.GetStringAsync("/v2/devices?pageSize=500&after=100");

        fromSecond.ShouldBe(fromFirst);
    }
}
