using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace BillingOne.Sandbox.Tests;

/// <summary>A hand-computed dataset added through <c>POST /sandbox/additions</c>, as the vendors' APIs then serve it.</summary>
[Trait("Category", "Integration")]
public sealed class WorldAdditionTests
{
    private sealed record Added(List<AddedOrganization> RmmOrganizations, List<AddedItem> Pax8Companies,
        List<AddedItem> Pax8Products, List<Guid> Pax8Subscriptions);

    private sealed record AddedOrganization(int Id, string Name, List<int> Devices);

    private sealed record AddedItem(Guid Id, string Name);

    private sealed record NinjaOrganization(int Id, string Name);

    private sealed record NinjaDevice(int Id, int OrganizationId);

    private sealed record Pax8Page<T>(List<T> Content);

    private sealed record Pax8Product(Guid Id, string Name, string UnitOfMeasurement, decimal UnitPrice, string CurrencyCode);

    private sealed record Pax8Subscription(Guid Id, Guid CompanyId, Guid ProductId, int Quantity, decimal Price,
        string BillingTerm, string Status, DateTimeOffset? EndDate);

    private static readonly object Dataset = new
    {
        rmmOrganizations = new object[]
        {
            new { name = "Added Alpha", workstations = 3, servers = 2, retiredDevices = 1 },
            new { name = "Added Bravo", workstations = 1 },
        },
        pax8Companies = new object[] { new { name = "Added Alpha" } },
        pax8Products = new object[] { new { name = "Added Endpoint", unitOfMeasurement = "Device", unitPrice = 12.5m } },
        pax8Subscriptions = new object[]
        {
            new { company = "Added Alpha", product = "Added Endpoint", quantity = 4, price = 150m, billingTerm = "Annual", status = "Active" },
            new { company = "Added Alpha", product = "Added Endpoint", quantity = 9, price = 12.5m, billingTerm = "Monthly", status = "Cancelled" },
        },
    };

    [Fact]
    public async Task Added_accounts_are_served_as_given_and_change_steps_leave_them_alone()
    {
        await using var app = new SandboxApp();
        var generatedDevices = app.Data.Devices.Count(device => !device.IsRetired);

        using var response = await app.CreateClient().PostAsJsonAsync("/sandbox/additions", Dataset);
        var added = (await response.Content.ReadFromJsonAsync<Added>())!;
        (await app.CreateClient().PostAsJsonAsync("/sandbox/changes", new { steps = 3 })).EnsureSuccessStatusCode();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        added.RmmOrganizations.Select(organization => (organization.Name, organization.Devices.Count))
            .ShouldBe([("Added Alpha", 6), ("Added Bravo", 1)]);
        using var ninjaOne = await app.CreateAuthorizedClientAsync();
        var organizations = (await ninjaOne.GetFromJsonAsync<List<NinjaOrganization>>("/v2/organizations?pageSize=1000"))!;
        organizations.TakeLast(2).ShouldBe(added.RmmOrganizations.Select(organization => new NinjaOrganization(organization.Id, organization.Name)));
        var alpha = added.RmmOrganizations[0];
        var devices = (await ninjaOne.GetFromJsonAsync<List<NinjaDevice>>($"/v2/devices?pageSize=1000&df=org%20%3D%20{alpha.Id}"))!;
        devices.Select(device => device.Id).ShouldBe(alpha.Devices.Take(5), "the retired device is not listed");
        var listed = (await ninjaOne.GetFromJsonAsync<List<NinjaDevice>>($"/v2/devices?pageSize=1000&after={generatedDevices}"))!;
        listed.Select(device => device.Id).ShouldBeInOrder();

        using var pax8 = await app.CreatePax8ClientAsync();
        var product = (await pax8.GetFromJsonAsync<Pax8Page<Pax8Product>>("/v1/products?size=200&page=0"))!.Content
            .Where(item => item.Id == added.Pax8Products[0].Id).ShouldHaveSingleItem();
        product.ShouldBe(new Pax8Product(product.Id, "Added Endpoint", "Device", 12.5m, "AUD"));
        var subscriptions = (await pax8.GetFromJsonAsync<Pax8Page<Pax8Subscription>>(
            $"/v1/subscriptions?size=200&page=0&companyId={added.Pax8Companies[0].Id}"))!.Content;
        subscriptions.Select(subscription => (subscription.Id, subscription.ProductId, subscription.Quantity,
                subscription.Price, subscription.BillingTerm, subscription.Status, subscription.EndDate is null))
            .ShouldBe([
                (added.Pax8Subscriptions[0], product.Id, 4, 150m, "Annual", "Active", true),
                (added.Pax8Subscriptions[1], product.Id, 9, 12.5m, "Monthly", "Cancelled", false),
            ]);
    }

    [Fact]
    public async Task Later_additions_get_new_ids_after_the_earlier_ones()
    {
        await using var app = new SandboxApp();
        var sandbox = app.CreateClient();

        var first = (await (await sandbox.PostAsJsonAsync("/sandbox/additions", Dataset)).Content.ReadFromJsonAsync<Added>())!;
        var second = (await (await sandbox.PostAsJsonAsync("/sandbox/additions",
            new { rmmOrganizations = new[] { new { name = "Added Charlie", servers = 1 } } })).Content.ReadFromJsonAsync<Added>())!;

        second.RmmOrganizations.ShouldHaveSingleItem().Id.ShouldBe(first.RmmOrganizations[^1].Id + 1);
        second.RmmOrganizations[0].Devices.ShouldHaveSingleItem().ShouldBe(first.RmmOrganizations[^1].Devices[^1] + 1);
        app.Data.Clients.Count(client => client.Name.StartsWith("Added ", StringComparison.Ordinal)).ShouldBe(3);
    }

    [Theory]
    [InlineData("""{"rmmOrganizations":[{"name":""}]}""", "rmmOrganizations[0].name")]
    [InlineData("""{"rmmOrganizations":[{"name":"A","workstations":-1}]}""", "rmmOrganizations[0].workstations")]
    [InlineData("""{"pax8Companies":[{"name":"A"},{"name":"A"}]}""", "pax8Companies[1].name")]
    [InlineData("""{"pax8Products":[{"name":"P","unitOfMeasurement":"Seat","unitPrice":1}]}""", "pax8Products[0].unitOfMeasurement")]
    [InlineData("""{"pax8Subscriptions":[{"company":"X","product":"Y","quantity":1,"price":1,"billingTerm":"Monthly","status":"Active"}]}""", "pax8Subscriptions[0].company")]
    [InlineData("""{"pax8Companies":[{"name":"C"}],"pax8Products":[{"name":"P","unitOfMeasurement":"User","unitPrice":1}],"pax8Subscriptions":[{"company":"C","product":"P","quantity":0,"price":1,"billingTerm":"Weekly","status":"Active"}]}""", "pax8Subscriptions[0].billingTerm")]
    [InlineData("""{"pax8Subscriptions":[null]}""", "pax8Subscriptions[0]")]
    public async Task Invalid_additions_are_refused_naming_the_field_and_add_nothing(string body, string field)
    {
        await using var app = new SandboxApp();
        var clients = app.Data.Clients.Count;
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        using var response = await app.CreateClient().PostAsync("/sandbox/additions", content);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(problem.ToString());
        app.Data.Clients.Count.ShouldBe(clients);
    }

    [Theory]
    [InlineData("{\"rmmOrganizations\":", "application/json")]
    [InlineData("null", "application/json")]
    [InlineData("name=A", "text/plain")]
    public async Task A_body_that_is_not_a_json_object_is_a_bad_request(string body, string mediaType)
    {
        await using var app = new SandboxApp();
        using var content = new StringContent(body, Encoding.UTF8, mediaType);

        using var response = await app.CreateClient().PostAsync("/sandbox/additions", content);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }
}
