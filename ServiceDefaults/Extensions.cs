using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What every BillingOne process shares: telemetry, health, service discovery, resilient HTTP clients
/// and problem+json errors. Mirrors what an Aspire ServiceDefaults project provides.
/// </summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>Checks <c>/alive</c> runs: the process itself.</summary>
    public const string LivenessTag = "live";

    /// <summary>
    /// Checks of a dependency every request needs (the database, the broker): <c>/ready</c> runs only these and takes
    /// the pod out of its Service while one is Unhealthy. Other checks show on <c>/health</c> only.
    /// </summary>
    public const string ReadinessTag = "ready";

    private const string HealthPath = "/health";
    private const string AlivePath = "/alive";
    private const string ReadyPath = "/ready";

    /// <summary>
    /// Framework categories that log at Information once or more per request (HttpClientFactory writes four lines per
    /// outgoing call, ASP.NET Core's hosting, routing, authentication and results one each, YARP one per proxied
    /// request). Requests are traced instead; these categories keep their warnings and errors.
    /// </summary>
    public static readonly IReadOnlyList<string> PerRequestLogCategories =
    [
        "Microsoft.AspNetCore",
        "System.Net.Http.HttpClient",
        "Yarp",
        "Grpc",
    ];

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        foreach (var category in PerRequestLogCategories)
        {
            builder.Logging.AddFilter(category, LogLevel.Warning);
        }
        builder.AddDefaultHealthChecks();
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });
        // Binding failures always throw (not only in Development) so BadHttpRequestExceptionHandler can answer
        // with the reason; without it production answers a bare 400 and development a 500.
        builder.Services.Configure<RouteHandlerOptions>(routing => routing.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<BadHttpRequestExceptionHandler>();
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new TextWithoutNulConverter()));
        builder.Services.AddProblemDetails(options =>
        {
            // Every error carries the trace id so an operator can find the request in the traces, and nothing else
            // from the server's internals; and a detail saying what to fix.
            options.CustomizeProblemDetails = context =>
            {
                context.ProblemDetails.Extensions["traceId"] =
                    Activity.Current?.Id ?? context.HttpContext.TraceIdentifier;
                context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
                ProblemDetailDefaults.Fill(context);
            };
        });
        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var serviceName = builder.Configuration["OTEL_SERVICE_NAME"] ?? builder.Environment.ApplicationName;
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(TelemetryNames.Meters))
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddSource(TelemetryNames.ActivitySources)
                .AddAspNetCoreInstrumentation(options =>
                    // Health probes would drown the traces.
                    options.Filter = context => !IsProbe(context.Request.Path))
                .AddGrpcClientInstrumentation()
                .AddHttpClientInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<RequestProgress>();
        builder.Services.AddHealthChecks()
            .AddCheck<RequestProgressHealthCheck>(RequestProgressHealthCheck.Name, tags: [LivenessTag]);
        return builder;
    }

    /// <summary>Whether a request is one of the orchestrator's health probes.</summary>
    public static bool IsProbe(PathString path) =>
        path.StartsWithSegments(HealthPath) || path.StartsWithSegments(AlivePath) || path.StartsWithSegments(ReadyPath);

    /// <summary>
    /// <c>/alive</c> answers while the process makes progress (<see cref="RequestProgress"/>): the orchestrator restarts
    /// a process whose <c>/alive</c> fails or does not answer; <c>/ready</c> while the dependencies a request needs (the checks
    /// tagged <see cref="ReadinessTag"/>: PostgreSQL, RabbitMQ) are not Unhealthy; <c>/health</c> reports every check
    /// with a JSON entry each, for the dashboard.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.UseMiddleware<RequestProgressMiddleware>();
        // Probes come from the orchestrator, which holds no credentials. On the dashboard's report a degraded check (the
        // bus reconnecting, ingestion refusing calls for backpressure) answers 503 like an unhealthy one, so it shows.
        app.MapHealthChecks(HealthPath, new HealthCheckOptions
        {
            ResponseWriter = HealthReportWriter.WriteAsync,
            ResultStatusCodes =
                {
                    [HealthStatus.Healthy] = StatusCodes.Status200OK,
                    [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                    [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
                },
        })
            .DisableHttpMetrics()
            .AllowAnonymous();
        // Readiness takes a pod out of its Service only when it cannot serve: a degraded pod still answers its callers
        // better itself (a throttling ingestion with 429 and Retry-After) than the Service would with no endpoint.
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadinessTag),
            ResultStatusCodes =
                {
                    [HealthStatus.Healthy] = StatusCodes.Status200OK,
                    [HealthStatus.Degraded] = StatusCodes.Status200OK,
                    [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
                },
        })
            .DisableHttpMetrics()
            .AllowAnonymous();
        app.MapHealthChecks(AlivePath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(LivenessTag) })
            .DisableHttpMetrics()
            .AllowAnonymous();
        return app;
    }

    /// <summary>
    /// Unhandled exceptions and bare status codes become problem+json without stack traces.
    /// </summary>
    public static WebApplication UseProblemDetailsErrors(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<QueryTextMiddleware>();
        return app;
    }
}
