using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace BillingOne.BuildingBlocks.Http.Idempotency;

/// <summary>
/// Documents the optional <c>Idempotency-Key</c> header, and the 409 and 422 answers it brings, on every operation
/// the middleware applies it to, so no endpoint declares them itself and none can be left out.
/// </summary>
internal sealed class IdempotencyOpenApiTransformer : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context,
        CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<PasswordInBodyMetadata>().Any())
        {
            operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
            operation.Extensions[IdempotencyKey.PasswordInBodyExtension] = new JsonNodeExtension(true);
            return;
        }
        if (!IdempotencyKey.AppliesTo(context.Description.HttpMethod, metadata))
        {
            return;
        }

        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = IdempotencyKey.HeaderName,
            In = ParameterLocation.Header,
            Required = false,
            Description = IdempotencyKey.Description,
            Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                MinLength = 1,
                MaxLength = IdempotencyKey.MaxLength,
                Pattern = "^[\\x20-\\x7E]+$",
            },
            Example = JsonValue.Create("3f0c2a5e-6b1d-4f8e-9a7c-2d4b6e8f0a1c"),
        });

        var problem = await context.GetOrCreateSchemaAsync(typeof(HttpValidationProblemDetails),
            cancellationToken: cancellationToken);
        operation.Responses ??= [];
        AddProblem(operation, StatusCodes.Status400BadRequest, "The request, or its Idempotency-Key header, is not valid.",
            problem);
        AddProblem(operation, StatusCodes.Status409Conflict,
            "A request with the same Idempotency-Key is still running; retry once it has finished.", problem);
        AddProblem(operation, StatusCodes.Status422UnprocessableEntity,
            "The Idempotency-Key was first used with another method, path or body.", problem);
    }

    private static void AddProblem(OpenApiOperation operation, int status, string description, IOpenApiSchema problem)
    {
        var code = status.ToString(CultureInfo.InvariantCulture);
        if (operation.Responses!.TryGetValue(code, out var existing))
        {
            // The endpoint's own answer with this status stays; the document says the header can give it too.
            if (existing is OpenApiResponse response && response.Description?.Contains("Idempotency-Key",
                    StringComparison.Ordinal) != true)
            {
                response.Description = $"{response.Description} Or: {description}";
            }
            return;
        }
        operation.Responses[code] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new() { Schema = problem },
            },
        };
    }
}
