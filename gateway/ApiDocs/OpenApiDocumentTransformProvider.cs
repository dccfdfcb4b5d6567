using System.Text.Json;
using System.Text.Json.Nodes;
using BillingOne.Gateway.Routing;
using Microsoft.Net.Http.Headers;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace BillingOne.Gateway.ApiDocs;

/// <summary>
/// For routes that serve a service's OpenAPI document (metadata <see cref="RouteMetadata.OpenApiDocument"/>), points the
/// document's <c>servers</c> at the gateway. A service describes itself with the address it was called on, which is
/// its private address behind the gateway; its paths (<c>/api/&lt;service&gt;/…</c>) are the gateway's paths, so
/// "try it" in the API reference must go through the gateway. Paths under <c>/internal/</c> are dropped: the gateway
/// never routes them from outside, so the public document does not offer them.
/// </summary>
public sealed class OpenApiDocumentTransformProvider : ITransformProvider
{
    public void ValidateRoute(TransformRouteValidationContext context)
    {
        if (context.Route.Metadata?.TryGetValue(RouteMetadata.OpenApiDocument, out var name) == true
            && string.IsNullOrWhiteSpace(name))
        {
            context.Errors.Add(new InvalidOperationException(
                $"Route '{context.Route.RouteId}': metadata '{RouteMetadata.OpenApiDocument}' must name the document."));
        }
    }

    public void ValidateCluster(TransformClusterValidationContext context)
    {
    }

    public void Apply(TransformBuilderContext context)
    {
        if (context.Route.Get(RouteMetadata.OpenApiDocument) is null)
        {
            return;
        }

        // The document is rewritten here, so it must arrive uncompressed.
        context.AddRequestHeaderRemove(HeaderNames.AcceptEncoding);
        context.AddResponseTransform(PointServersAtGatewayAsync);
    }

    private static bool IsInternal(string path) => path.StartsWith("/internal/", StringComparison.OrdinalIgnoreCase);

    private static async ValueTask PointServersAtGatewayAsync(ResponseTransformContext context)
    {
        if (context.ProxyResponse is not { IsSuccessStatusCode: true } response
            || response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.OrdinalIgnoreCase) != true)
        {
            return;
        }

        await using var body = await response.Content.ReadAsStreamAsync(context.CancellationToken);
        if (await JsonNode.ParseAsync(body, cancellationToken: context.CancellationToken) is not JsonObject document)
        {
            throw new JsonException("The OpenAPI document is not a JSON object.");
        }

        // Relative to where the document is served (OpenAPI 3 allows it), so it stays right behind any host or proxy.
        var gatewayRoot = $"{context.HttpContext.Request.PathBase}/";
        document["servers"] = new JsonArray(new JsonObject { ["url"] = gatewayRoot });
        if (document["paths"] is JsonObject paths)
        {
            foreach (var internalPath in paths.Select(path => path.Key).Where(IsInternal).ToList())
            {
                paths.Remove(internalPath);
            }
        }

        context.SuppressResponseBody = true;
        var httpResponse = context.HttpContext.Response;
        httpResponse.ContentLength = null;
        await using var writer = new Utf8JsonWriter(httpResponse.Body);
        document.WriteTo(writer);
        await writer.FlushAsync(context.CancellationToken);
    }
}
