using System.Reflection;
using BillingOne.BuildingBlocks.Data;
using BillingOne.BuildingBlocks.Http;
using BillingOne.BuildingBlocks.Http.Idempotency;
using BillingOne.BuildingBlocks.Auditing;
using BillingOne.BuildingBlocks.Messaging;
using BillingOne.BuildingBlocks.Outages;
using BillingOne.BuildingBlocks.Security;
using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.BuildingBlocks.Validation;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BillingOne.BuildingBlocks.Hosting;

/// <summary>
/// The plumbing every BillingOne service shares, so a service's own <c>Extensions.cs</c> only lists what
/// is its own: its database (<c>ConnectionStrings__{service}db</c>) with embedded migrations, the bus with
/// its consumers, the outbox and inbox, 503 with <c>Retry-After</c> while either is unreachable, OpenAPI,
/// body-size limits, internal-token authentication, the caller's
/// organization and actor, client scope on changes, the audit trail, and <c>Idempotency-Key</c> on every mutating
/// endpoint.
/// </summary>
public static class ServiceHostingExtensions
{
    /// <summary>Largest request body a service accepts unless an endpoint says otherwise.</summary>
    public const long DefaultMaxRequestBodyBytes = 1 * 1024 * 1024;

    public static IHostApplicationBuilder AddBillingOneService(
        this IHostApplicationBuilder builder,
        string serviceName,
        Assembly serviceAssembly,
        Action<IBusRegistrationConfigurator>? configureConsumers = null)
    {
        builder.AddServiceDatabase($"{serviceName}db", serviceAssembly);
        builder.AddMessaging(configureConsumers);
        builder.Services.AddExceptionHandler<InfrastructureOutageExceptionHandler>();
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new ExactDecimalConverter()));
        builder.Services.AddOpenApi(options => options
            .AddOperationTransformer<PolicyOpenApiTransformer>()
            .AddOperationTransformer<JsonExamplesOpenApiTransformer>()
            .AddIdempotencyDocumentation());
        builder.AddIdempotency();
        builder.Services.Configure<KestrelServerOptions>(kestrel =>
            kestrel.Limits.MaxRequestBodySize = DefaultMaxRequestBodyBytes);
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddOrganizationContext();
        builder.AddInternalAuthentication();
        builder.Services.AddScoped<IAuditTrail>(provider => ActivatorUtilities.CreateInstance<PostgresAuditTrail>(provider, serviceName));
        return builder;
    }

    /// <summary>
    /// Problem+json errors, authentication, client scope on changes, <c>Idempotency-Key</c>, the service's OpenAPI
    /// document and its health endpoints.
    /// </summary>
    public static WebApplication UseBillingOneService(this WebApplication app)
    {
        app.UseProblemDetailsErrors();
        app.UseMiddleware<CorrelationIdMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<ClientScopeWriteGuard>();
        app.UseIdempotency();
        app.MapOpenApi().AllowAnonymous();
        app.MapDefaultEndpoints();
        return app;
    }
}
