using System.Net.Http.Json;
using System.Text.Json;

namespace BillingOne.Security.Tests;

/// <summary>
/// Every mutating operation of the public API, in every service's OpenAPI document, offers the optional
/// <c>Idempotency-Key</c> header and documents its 409 and 422 answers. The gateway serves these documents as they
/// are (less the internal paths), so its aggregated reference says the same.
/// </summary>
[Collection(StartedServicesCollection.Name)]
public sealed class IdempotencyDocumentationTests(StartedServices services)
{
    private static readonly string[] Mutating = ["post", "put", "patch", "delete"];

    [Theory]
    [MemberData(nameof(ServiceHost.All), MemberType = typeof(ServiceHost))]
    public async Task Every_mutating_operation_documents_the_idempotency_key_and_its_answers(string service)
    {
        var host = await services.GetAsync(service);
        using var client = host.CreateClient();
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var missing = new List<string>();
        var checkedOperations = 0;
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => Mutating.Contains(o.Name)))
            {
                var policy = operation.Value.GetProperty("x-billingone-policy").GetString();
                var name = $"{operation.Name.ToUpperInvariant()} {path.Name}";
                var hasHeader = operation.Value.TryGetProperty("parameters", out var parameters)
                    && parameters.EnumerateArray().Any(parameter =>
                        parameter.GetProperty("name").GetString() == "Idempotency-Key"
                        && parameter.GetProperty("in").GetString() == "header"
                        && !(parameter.TryGetProperty("required", out var required) && required.GetBoolean()));
                if (policy is "anonymous" or "internal" || operation.Value.TryGetProperty("x-billingone-password-in-body", out _))
                {
                    // No caller to scope a key by, not the public API, or a body whose password a key's fingerprint
                    // would keep as a fast hash: the header does not apply there.
                    hasHeader.ShouldBeFalse($"{name} documents Idempotency-Key, which it does not honour.");
                    continue;
                }

                checkedOperations++;
                var responses = operation.Value.GetProperty("responses");
                if (!hasHeader || !responses.TryGetProperty("409", out _) || !responses.TryGetProperty("422", out _))
                {
                    missing.Add(name);
                }
            }
        }

        // Every service has a mutating public API: an empty walk would prove nothing.
        checkedOperations.ShouldBeGreaterThan(0);
        missing.ShouldBeEmpty("Every mutating operation must document Idempotency-Key with its 409 and 422 answers.");
    }
}
