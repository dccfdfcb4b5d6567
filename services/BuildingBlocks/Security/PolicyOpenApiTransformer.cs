using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace BillingOne.BuildingBlocks.Security;

/// <summary>
/// Writes each operation's authorization into the OpenAPI document (<c>x-billingone-policy</c>: a policy name, or
/// <c>anonymous</c>), so clients see which role an endpoint needs and the route-walk test can check every
/// endpoint refuses the roles outside it.
/// </summary>
internal sealed class PolicyOpenApiTransformer : IOpenApiOperationTransformer
{
    public const string Extension = "x-billingone-policy";
    public const string Anonymous = "anonymous";
    public const string AuthenticatedOnly = "authenticated";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context,
        CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var policy = metadata.OfType<IAllowAnonymous>().Any()
            ? Anonymous
            : metadata.OfType<IAuthorizeData>().Select(data => data.Policy).LastOrDefault(name => name is not null)
              ?? AuthenticatedOnly;
        operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        operation.Extensions[Extension] = new JsonNodeExtension(policy);
        return Task.CompletedTask;
    }
}
