using BillingOne.BuildingBlocks.Grpc;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BillingOne.BuildingBlocks.Hosting;

/// <summary>
/// For services that serve gRPC (partner integrations). gRPC needs HTTP/2, and Kestrel speaks cleartext HTTP/2
/// only on an HTTP/2-only endpoint, so such a service is given two named endpoints by its host:
/// <c>Kestrel:Endpoints:http</c> (REST, health, OpenAPI) and <c>Kestrel:Endpoints:grpc</c> with
/// <c>Protocols=Http2</c>. The standard gRPC health service reports the same checks as <c>/health</c>. Calls refused
/// by authorization get gRPC statuses (<see cref="GrpcAuthorizationResultHandler"/>); every method runs behind
/// <see cref="SafeStatusInterceptor"/>, and a request gRPC cannot read is INVALID_ARGUMENT
/// (<see cref="MalformedRequestStatusMiddleware"/>).
/// </summary>
public static class GrpcHostingExtensions
{
    public static IHostApplicationBuilder AddGrpcServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddGrpc(options =>
        {
            options.EnableDetailedErrors = builder.Environment.IsDevelopment();
            options.Interceptors.Add<SafeStatusInterceptor>();
        });
        builder.Services.AddGrpcHealthChecks();
        builder.Services.AddGrpcReflection();
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, GrpcAuthorizationResultHandler>();
        return builder;
    }

    public static WebApplication MapGrpcDefaults(this WebApplication app)
    {
        app.UseMiddleware<MalformedRequestStatusMiddleware>();
        // Probes and partner tooling discover the service before they hold credentials.
        app.MapGrpcHealthChecksService().AllowAnonymous();
        app.MapGrpcReflectionService().AllowAnonymous();
        return app;
    }
}
