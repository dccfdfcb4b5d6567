using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace BillingOne.BuildingBlocks.Http;

/// <summary>An endpoint's example JSON bodies, for the OpenAPI document.</summary>
/// <param name="Request">The example request body; null when the endpoint takes none.</param>
/// <param name="Response">The example body of its success answer; null when it has none.</param>
public sealed record JsonExamplesMetadata(object? Request, object? Response);

public static class JsonExamples
{
    /// <summary>Shows <paramref name="request"/> and <paramref name="response"/> as the operation's JSON examples.</summary>
    public static RouteHandlerBuilder WithJsonExamples(this RouteHandlerBuilder endpoint, object? request,
        object? response) => endpoint.WithMetadata(new JsonExamplesMetadata(request, response));
}

/// <summary>
/// Writes <see cref="JsonExamplesMetadata"/> into the document, serialized as the API serializes (camelCase), so an
/// example cannot drift from the shape of its record.
/// </summary>
internal sealed class JsonExamplesOpenApiTransformer : IOpenApiOperationTransformer
{
    private const string Json = "application/json";
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context,
        CancellationToken cancellationToken)
    {
        var examples = context.Description.ActionDescriptor.EndpointMetadata.OfType<JsonExamplesMetadata>()
            .LastOrDefault();
        if (examples is null)
        {
            return Task.CompletedTask;
        }
        if (examples.Request is { } request && operation.RequestBody?.Content?.TryGetValue(Json, out var body) == true)
        {
            body.Example = JsonSerializer.SerializeToNode(request, request.GetType(), Options);
        }
        var success = operation.Responses?.Where(response => response.Key.StartsWith('2'))
            .Select(response => response.Value.Content).FirstOrDefault(content => content?.ContainsKey(Json) == true);
        if (examples.Response is { } example && success is not null)
        {
            success[Json].Example = JsonSerializer.SerializeToNode(example, example.GetType(), Options);
        }
        return Task.CompletedTask;
    }
}
