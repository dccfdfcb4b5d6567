using BillingOne.BuildingBlocks.Retention;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace BillingOne.BuildingBlocks.Http.Idempotency;

public static class IdempotencyExtensions
{
    /// <summary>
    /// The key store on the service's database (table from shared migration 0004) and the purge of expired keys. The OpenAPI
    /// document describes the header through <see cref="AddIdempotencyDocumentation"/>.
    /// </summary>
    public static IHostApplicationBuilder AddIdempotency(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<IdempotencyOptions>(builder.Configuration.GetSection(IdempotencyOptions.SectionName));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IdempotentRequestStore>();
        builder.AddRetentionPurge<ExpiredIdempotencyKeyPurge>();
        return builder;
    }

    /// <summary>Documents the header and its answers on every operation that honours it.</summary>
    public static OpenApiOptions AddIdempotencyDocumentation(this OpenApiOptions options) =>
        options.AddOperationTransformer<IdempotencyOpenApiTransformer>();

    /// <summary>Honours <c>Idempotency-Key</c>; after authorization, so keys are scoped by the validated caller.</summary>
    public static IApplicationBuilder UseIdempotency(this IApplicationBuilder app) =>
        app.UseMiddleware<IdempotencyMiddleware>();
}
