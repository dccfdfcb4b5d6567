using System.Net.Http.Json;
using System.Text.Json;

namespace BillingOne.Projection.Tests.Api;

[Trait("Category", "Integration")]
public class OpenApiDocumentTests(ProjectionFixture fixture) : IClassFixture<ProjectionFixture>
{
    [Fact]
    public async Task The_clients_screen_endpoints_are_named_summarized_and_typed()
    {
        var document = await fixture.Host.Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths");

        var list = paths.GetProperty("/api/projection/clients").GetProperty("get");
        list.GetProperty("operationId").GetString().ShouldBe("ListClientSnapshots");
        list.GetProperty("summary").GetString().ShouldNotBeNullOrWhiteSpace();
        list.GetProperty("parameters").EnumerateArray().Select(parameter => parameter.GetProperty("name").GetString())
            .ShouldBe(["search", "status", "sort", "direction", "page", "pageSize"], ignoreOrder: true);
        list.GetProperty("parameters").EnumerateArray()
            .Select(parameter => parameter.GetProperty("description").GetString()).ShouldAllBe(description => !string.IsNullOrWhiteSpace(description));
        list.GetProperty("responses").EnumerateObject().Select(response => response.Name)
            .ShouldBe(["200", "400", "401", "403"], ignoreOrder: true);

        var get = paths.GetProperty("/api/projection/clients/{clientId}").GetProperty("get");
        get.GetProperty("operationId").GetString().ShouldBe("GetClientSnapshot");
        get.GetProperty("responses").EnumerateObject().Select(response => response.Name)
            .ShouldBe(["200", "404", "401", "403"], ignoreOrder: true);

        var status = document.GetProperty("components").GetProperty("schemas").GetProperty("ClientBillingStatus");
        status.GetProperty("enum").EnumerateArray().Select(value => value.GetString())
            .ShouldBe(["matched", "under-licensed", "over-licensed", "no-data"]);
    }

    [Fact]
    public async Task The_dashboard_and_the_rebuild_are_named_and_the_rebuild_is_an_admin_change()
    {
        var document = await fixture.Host.Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths");

        var dashboard = paths.GetProperty("/api/projection/dashboard").GetProperty("get");
        dashboard.GetProperty("operationId").GetString().ShouldBe("GetDashboard");
        dashboard.GetProperty("x-billingone-policy").GetString().ShouldBe("read");

        var rebuild = paths.GetProperty("/api/projection/rebuild").GetProperty("post");
        rebuild.GetProperty("operationId").GetString().ShouldBe("RebuildReadModels");
        rebuild.GetProperty("x-billingone-policy").GetString().ShouldBe("admin");
        rebuild.GetProperty("parameters").EnumerateArray().Select(parameter => parameter.GetProperty("name").GetString())
            .ShouldContain("Idempotency-Key");
    }
}
