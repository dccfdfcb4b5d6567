using System.Net.Http.Json;
using System.Text.Json;

namespace BillingOne.Metering.Tests.Api;

[Trait("Category", "Integration")]
public sealed class BillingOpenApiTests(MeteringApiFixture fixture) : IClassFixture<MeteringApiFixture>
{
    [Fact]
    public async Task Every_billing_operation_is_named_and_shows_example_bodies_in_the_apis_camel_case()
    {
        var document = await fixture.Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths");

        var start = paths.GetProperty("/api/metering/billing-runs").GetProperty("post");
        start.GetProperty("operationId").GetString().ShouldBe("StartBillingRun");
        var request = start.GetProperty("requestBody").GetProperty("content").GetProperty("application/json")
            .GetProperty("example");
        (request.GetProperty("year").GetInt32(), request.GetProperty("month").GetInt32()).ShouldBe((2026, 10));
        Example(start, "202").GetProperty("status").GetString().ShouldBe("completed");

        var lines = Example(paths.GetProperty("/api/metering/billing-readings").GetProperty("get"), "200")
            .GetProperty("items");
        lines.EnumerateArray().Select(line => line.GetProperty("kind").GetString()).ShouldBe(["reading", "adjustment"]);
        lines[1].GetProperty("originalPeriod").GetString().ShouldBe("2026-08");

        foreach (var (path, method, status) in new[]
        {
            ("/api/metering/billing-runs", "get", "200"),
            ("/api/metering/billing-runs/{id}", "get", "200"),
            ("/api/metering/billing-periods", "get", "200"),
            ("/api/metering/billing-periods/{period}/clients", "get", "200"),
            ("/api/metering/billing-periods/{period}/finalize", "post", "200"),
            ("/api/metering/buckets/{id}/billing-history", "get", "200"),
            ("/api/metering/billing-settings", "get", "200"),
            ("/api/metering/billing-settings", "put", "200"),
        })
        {
            var operation = paths.GetProperty(path).GetProperty(method);
            operation.GetProperty("summary").GetString().ShouldNotBeNullOrWhiteSpace(path);
            Example(operation, status).ValueKind.ShouldNotBe(JsonValueKind.Undefined, path);
        }
        var export = paths.GetProperty("/api/metering/billing-readings/export").GetProperty("get");
        export.GetProperty("responses").GetProperty("200").GetProperty("content").EnumerateObject()
            .Select(content => content.Name).ShouldBe(["text/csv", "application/zip"], ignoreOrder: true);
    }

    private static JsonElement Example(JsonElement operation, string status) => operation.GetProperty("responses")
        .GetProperty(status).GetProperty("content").GetProperty("application/json").GetProperty("example");
}
