using System.Net.Http.Json;
using System.Text.Json;

namespace BillingOne.Identity.Tests;

[Collection(DirectoryCollection.Name)]
[Trait("Category", "Integration")]
public sealed class DirectoryOpenApiTests(DirectoryFixture fixture)
{
    [Fact]
    public async Task Every_directory_endpoint_is_documented_with_its_policy_and_answers()
    {
        using var client = fixture.Anonymous();
        var paths = (await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json")).GetProperty("paths");

        const string organization = "/api/identity/organization";
        const string users = "/api/identity/users";
        const string keys = "/api/identity/api-keys";
        var operations = new Dictionary<string, (string Path, string Method, string Policy, string[] Statuses)>
        {
            ["GetOrganization"] = (organization, "get", "read", ["200", "404"]),
            ["UpdateOrganization"] = (organization, "patch", "admin", ["200", "400", "404", "413", "415"]),
            ["ListUsers"] = (users, "get", "admin", ["200", "400"]),
            ["GetUser"] = ($"{users}/{{id}}", "get", "admin", ["200", "404"]),
            ["CreateUser"] = (users, "post", "admin", ["201", "400", "403", "404", "409", "413", "415"]),
            ["UpdateUser"] = ($"{users}/{{id}}", "patch", "admin", ["200", "400", "403", "404", "409", "413", "415"]),
            ["EnableUser"] = ($"{users}/{{id}}/enable", "post", "admin", ["200", "403", "404"]),
            ["DisableUser"] = ($"{users}/{{id}}/disable", "post", "admin", ["200", "403", "404", "409"]),
            ["ListApiKeys"] = (keys, "get", "admin", ["200", "400"]),
            ["GetApiKey"] = ($"{keys}/{{id}}", "get", "admin", ["200", "404"]),
            ["CreateApiKey"] = (keys, "post", "admin", ["201", "400", "404", "413", "415"]),
            ["EnableApiKey"] = ($"{keys}/{{id}}/enable", "post", "admin", ["200", "404", "409"]),
            ["DisableApiKey"] = ($"{keys}/{{id}}/disable", "post", "admin", ["200", "404", "409"]),
            ["RevokeApiKey"] = ($"{keys}/{{id}}/revoke", "post", "admin", ["200", "404"]),
            ["VerifyApiKey"] = ("/internal/auth/api-keys/verify", "post", "internal", ["200", "401", "413", "415"]),
            ["SignIn"] = ("/internal/auth/sign-in", "post", "internal", ["200", "202", "400", "401", "409", "413", "415", "429"]),
            ["SignInWithTwoFactorCode"] = ("/internal/auth/sign-in/two-factor", "post", "internal",
                ["200", "400", "401", "413", "415", "429"]),
            ["GetSession"] = ("/internal/auth/sessions/{sessionId}", "get", "internal", ["200", "404"]),
            ["EndSession"] = ("/internal/auth/sessions/{sessionId}", "delete", "internal", ["204"]),
        };
        foreach (var (operationId, (path, method, policy, statuses)) in operations)
        {
            var operation = paths.GetProperty(path).GetProperty(method);
            operation.GetProperty("operationId").GetString().ShouldBe(operationId);
            operation.GetProperty("summary").GetString().ShouldNotBeNullOrWhiteSpace();
            operation.GetProperty("x-billingone-policy").GetString().ShouldBe(policy, operationId);
            // Every secured endpoint also answers 401 without a valid token and 403 for a role outside its policy;
            // every public mutating one the Idempotency-Key answers 400, 409 and 422, except one whose body holds a
            // password (CreateUser: the key's fingerprint would keep a fast hash of it).
            string[] idempotency = method != "get" && policy != "internal" && operationId != "CreateUser"
                ? ["400", "409", "422"] : [];
            operation.GetProperty("responses").EnumerateObject().Select(response => response.Name)
                .ShouldBe(statuses.Union(["401", "403"]).Union(idempotency), ignoreOrder: true,
                    customMessage: operationId);
        }

        var created = paths.GetProperty(keys).GetProperty("post").GetProperty("responses").GetProperty("201")
            .GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString();
        created.ShouldEndWith("/CreatedApiKeyResponse");
    }
}
