using System.Globalization;
using BillingOne.BuildingBlocks.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace BillingOne.BuildingBlocks.Hosting;

/// <summary>
/// Writes each operation's authorization into the OpenAPI document (<c>x-billingone-policy</c>: a policy name, or
/// <c>anonymous</c>), so clients see which role an endpoint needs and the route-walk test can check every
/// endpoint refuses the roles outside it; how it treats client-scoped callers (<c>x-billingone-client-scope</c>:
/// <c>allowed</c> or <c>refused</c>); and documents the 401 and 403 problem answers every secured operation
/// can give, so no endpoint has to declare them itself.
/// </summary>
internal sealed class PolicyOpenApiTransformer : IOpenApiOperationTransformer
{
    public const string Extension = "x-billingone-policy";
    public const string Anonymous = "anonymous";
    public const string AuthenticatedOnly = "authenticated";

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context,
        CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var policy = metadata.OfType<IAllowAnonymous>().Any()
            ? Anonymous
            : metadata.OfType<IAuthorizeData>().Select(data => data.Policy).LastOrDefault(name => name is not null)
              ?? AuthenticatedOnly;
        operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        operation.Extensions[Extension] = new JsonNodeExtension(policy);
        if (policy == Anonymous)
        {
            return;
        }
        operation.Extensions[ClientScopeAccess.Extension] =
            new JsonNodeExtension(ClientScopeAccess.For(context.Description.HttpMethod ?? "GET", metadata));

        var problem = await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), cancellationToken: cancellationToken);
        operation.Responses ??= [];
        AddProblemResponse(operation, StatusCodes.Status401Unauthorized, "No valid credentials.", problem);
        AddProblemResponse(operation, StatusCodes.Status403Forbidden, "The caller's role may not use this endpoint, or a client-scoped key tried an organization-wide change.",
            problem);
    }

    private static void AddProblemResponse(OpenApiOperation operation, int status, string description,
        IOpenApiSchema problem) =>
        operation.Responses!.TryAdd(status.ToString(CultureInfo.InvariantCulture), new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new() { Schema = problem },
            },
        });
}
