using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using BillingOne.BuildingBlocks.Security;
using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.Testing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace BillingOne.Security.Tests;

/// <summary>
/// Every route of every service, read from its OpenAPI document: refused without credentials (401) and refused
/// for a role its policy leaves out (403). A mapped route missing from the document fails, so no endpoint can
/// escape the walk.
/// </summary>
[Collection(StartedServicesCollection.Name)]
public sealed partial class RouteWalkTests(StartedServices services)
{
    /// <summary>Paths of configuration that belongs to no client, which client-scoped callers may not even read.</summary>
    private static readonly string[] OrganizationWideConfiguration =
        ["/integrations", "/xero/", "/account-mappings", "/webhooks", "/snapshot-schedule", "/rebuilds/"];

    /// <summary>
    /// For each policy, a role it must refuse and one it lets in (with which the walk sees what client scope alone
    /// decides).
    /// </summary>
    private static readonly Dictionary<string, (string Refused, string Allowed)> PolicyRoles = new()
    {
        [Policies.Read] = (Roles.Ingest, Roles.ReadOnly),
        [Policies.Billing] = (Roles.ReadOnly, Roles.Finance),
        [Policies.Admin] = (Roles.Finance, Roles.Admin),
        [Policies.Ingest] = (Roles.ReadOnly, Roles.Ingest),
        [Policies.Internal] = (Roles.Admin, Roles.Service),
    };

    [Theory]
    [MemberData(nameof(ServiceHost.All), MemberType = typeof(ServiceHost))]
    public async Task Every_route_refuses_missing_credentials_and_roles_outside_its_policy(string service)
    {
        var host = await services.GetAsync(service);
        using var client = host.CreateClient();
        var operations = await DocumentedOperation.ReadAsync(client);

        foreach (var operation in operations.Where(o => o.Policy != "anonymous"))
        {
            PolicyRoles.ShouldContainKey(operation.Policy,
                $"{operation} must name one of the policies in {nameof(Policies)}, not '{operation.Policy}'.");

            client.DefaultRequestHeaders.Authorization = null;
            using (var anonymous = await SendAsync(client, operation))
            {
                await anonymous.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
            }

            client.DefaultRequestHeaders.Authorization =
                TestTokens.For(OrganizationContextExtensions.DemoOrganizationId, PolicyRoles[operation.Policy].Refused);
            using var forbidden = await SendAsync(client, operation);
            await forbidden.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        }
    }

    [Theory]
    [MemberData(nameof(ServiceHost.All), MemberType = typeof(ServiceHost))]
    public async Task Every_organization_wide_change_refuses_a_client_scoped_caller(string service)
    {
        var host = await services.GetAsync(service);
        using var client = host.CreateClient();
        var operations = (await DocumentedOperation.ReadAsync(client)).Where(o => o.Policy != "anonymous").ToList();

        foreach (var operation in operations)
        {
            operation.ClientScope.ShouldBeOneOf([ClientScopeAccess.Allowed, ClientScopeAccess.Refused],
                $"{operation} must say how it treats client-scoped callers ({ClientScopeAccess.Extension}).");
            if (operation.Method == "GET"
                && !OrganizationWideConfiguration.Any(part => operation.Path.Contains(part, StringComparison.Ordinal)))
            {
                // Reads are filtered to the caller's client; only configuration (integration settings, the Xero
                // connection, account codes, webhook endpoints) belongs to no client at all.
                operation.ClientScope.ShouldBe(ClientScopeAccess.Allowed, $"{operation} only reads.");
            }

            client.DefaultRequestHeaders.Authorization = TestTokens.For(OrganizationContextExtensions.DemoOrganizationId,
                PolicyRoles[operation.Policy].Allowed, clientScope: Guid.NewGuid());
            using var response = await SendAsync(client, operation);
            if (operation.ClientScope == ClientScopeAccess.Refused)
            {
                await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
            }
            else
            {
                // Allowed in; the random id or the empty body is what the endpoint refuses, never the scope itself.
                response.StatusCode.ShouldNotBe(HttpStatusCode.Forbidden, $"{operation} is marked allowed.");
            }
        }
    }

    [Theory]
    [MemberData(nameof(ServiceHost.All), MemberType = typeof(ServiceHost))]
    public async Task Every_mapped_route_is_in_the_openapi_document(string service)
    {
        var host = await services.GetAsync(service);
        using var client = host.CreateClient();
        var documented = (await DocumentedOperation.ReadAsync(client)).Select(o => $"{o.Method} {o.Path}").ToHashSet();

        var mapped = host.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            // Probes, the document itself and gRPC are the only anonymous infrastructure; everything else is API.
            .Where(endpoint => endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null)
            // gRPC services (/billingone.<service>.<Service>/<Method>, with a catch-all answering unknown methods)
            // are not REST operations: the service serving them tests their policy over gRPC.
            .Where(endpoint =>
                !NormalizedPath(endpoint.RoutePattern.RawText).StartsWith("/billingone.", StringComparison.Ordinal))
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(method => $"{method} {NormalizedPath(endpoint.RoutePattern.RawText)}"))
            .ToList();

        mapped.Where(route => !documented.Contains(route)).ShouldBeEmpty(
            "Every route must be in the OpenAPI document so the security walk covers it.");
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, DocumentedOperation operation)
    {
        // Any id will do: authorization is decided before the route's handler looks anything up.
        var url = RouteParameter().Replace(operation.Path, Guid.NewGuid().ToString());
        var request = new HttpRequestMessage(new HttpMethod(operation.Method), url);
        if (operation.Method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }
        return client.SendAsync(request);
    }

    private static string NormalizedPath(string? pattern) =>
        "/" + RouteConstraint().Replace(pattern ?? "", "{$1}").Trim('/');

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();

    [GeneratedRegex(@"\{\**(\w+)(:[^}]*)?\}")]
    private static partial Regex RouteConstraint();
}
