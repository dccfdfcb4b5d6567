using System.Net.Http.Json;
using System.Text.Json;

namespace BillingOne.Subscription.Tests.Api;

[Trait("Category", "Integration")]
public class OpenApiDocumentTests(SubscriptionApiFixture fixture) : IClassFixture<SubscriptionApiFixture>
{
    [Fact]
    public async Task Every_client_endpoint_is_named_summarized_and_typed()
    {
        var document = await fixture.Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths");

        var operations = new Dictionary<string, (string Path, string Method, string[] Statuses)>
        {
            ["ListClients"] = ("/api/subscription/clients", "get", ["200", "400"]),
            ["CreateClient"] = ("/api/subscription/clients", "post", ["201", "400", "409", "413", "415"]),
            ["GetClient"] = ("/api/subscription/clients/{id}", "get", ["200", "404"]),
            ["UpdateClient"] = ("/api/subscription/clients/{id}", "patch", ["200", "400", "404", "409", "413", "415"]),
            ["EnableClient"] = ("/api/subscription/clients/{id}/enable", "post", ["200", "404"]),
            ["DisableClient"] = ("/api/subscription/clients/{id}/disable", "post", ["200", "404"]),
        };
        foreach (var (operationId, (path, method, statuses)) in operations)
        {
            var operation = paths.GetProperty(path).GetProperty(method);
            operation.GetProperty("operationId").GetString().ShouldBe(operationId);
            operation.GetProperty("summary").GetString().ShouldNotBeNullOrWhiteSpace();
            // Every endpoint also answers 401 without a valid token and 403 for a role that may not use it; every
            // mutating one the Idempotency-Key answers 400, 409 and 422.
            string[] idempotency = method != "get" ? ["400", "409", "422"] : [];
            operation.GetProperty("responses").EnumerateObject().Select(response => response.Name)
                .ShouldBe(statuses.Union(["401", "403"]).Union(idempotency), ignoreOrder: true,
                    customMessage: operationId);
        }

        var list = paths.GetProperty("/api/subscription/clients").GetProperty("get").GetProperty("parameters");
        list.EnumerateArray().Select(parameter => parameter.GetProperty("name").GetString())
            .ShouldBe(["search", "sort", "direction", "page", "pageSize"], ignoreOrder: true);
        list.EnumerateArray().Select(parameter => parameter.GetProperty("description").GetString()).ShouldAllBe(description => !string.IsNullOrWhiteSpace(description));

        var created = paths.GetProperty("/api/subscription/clients").GetProperty("post")
            .GetProperty("responses").GetProperty("201").GetProperty("content").GetProperty("application/json");
        created.GetProperty("schema").GetProperty("$ref").GetString().ShouldEndWith("/ClientResponse");

        var unauthorized = paths.GetProperty("/api/subscription/clients").GetProperty("get")
            .GetProperty("responses").GetProperty("401").GetProperty("content").GetProperty("application/problem+json");
        unauthorized.GetProperty("schema").GetProperty("properties").EnumerateObject().Select(property => property.Name)
            .ShouldBe(["type", "title", "status", "detail", "instance"], ignoreOrder: true);
    }
}
