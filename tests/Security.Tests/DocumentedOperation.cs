using System.Net.Http.Json;
using System.Text.Json;
using BillingOne.BuildingBlocks.Tenancy;

namespace BillingOne.Security.Tests;

/// <summary>One operation of a service's OpenAPI document, with the authorization it states.</summary>
public sealed record DocumentedOperation(string Method, string Path, string Policy, string? ClientScope)
{
    public const string PolicyExtension = "x-billingone-policy";

    /// <summary>Every operation of the document the service behind <paramref name="client"/> serves.</summary>
    public static async Task<List<DocumentedOperation>> ReadAsync(HttpClient client)
    {
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var operations = new List<DocumentedOperation>();
        if (!document.TryGetProperty("paths", out var paths))
        {
            return operations;
        }
        foreach (var path in paths.EnumerateObject())
        {
            foreach (var method in path.Value.EnumerateObject())
            {
                var policy = method.Value.TryGetProperty(PolicyExtension, out var value) ? value.GetString() : null;
                policy.ShouldNotBeNull($"{method.Name.ToUpperInvariant()} {path.Name} has no {PolicyExtension}.");
                var clientScope = method.Value.TryGetProperty(ClientScopeAccess.Extension, out var scope)
                    ? scope.GetString()
                    : null;
                operations.Add(new DocumentedOperation(method.Name.ToUpperInvariant(), path.Name, policy, clientScope));
            }
        }
        return operations;
    }

    public override string ToString() => $"{Method} {Path}";
}
