using BillingOne.Hosting;

namespace BillingOne.AppHost;

/// <summary>What every BillingOne project gets from the AppHost, so <c>Program.cs</c> stays a page of declarations.</summary>
public static class BillingOneResourceExtensions
{
    public const string GrpcEndpointName = "grpc";

    /// <summary>
    /// A BillingOne process (its built program, <see cref="BuiltPrograms"/>): one HTTP endpoint, <c>/health</c> as its
    /// health check, the shared internal-token key, one console line per log entry (the dashboard shows console output
    /// line by line), restart after a crash or when its <c>/alive</c> keeps failing.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddBillingOneProject<TProject>(
        this IDistributedApplicationBuilder builder, string name, AppHostSettings settings, int? port = null)
        where TProject : IProjectMetadata, new() =>
        builder.AddProject<TProject>(name)
            .WithBuiltProgram()
            .WithHttpEndpoint(port: port, targetPort: port, isProxied: port is null)
            .WithServiceHealthCheck("/health")
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", builder.Environment.EnvironmentName)
            .WithEnvironment("Security__InternalTokenSigningKey", settings.Secrets.InternalTokenSigningKey)
            .WithEnvironment("Logging__Console__FormatterName", "simple")
            .WithEnvironment("Logging__Console__FormatterOptions__SingleLine", "true")
            .WithEnvironment(context =>
            {
                // Aspire's in-memory OTLP retry keeps a stopping process alive for the exporter timeout (10 s) after
                // the dashboard is gone, past the 6 s after which the process is killed.
                context.EnvironmentVariables.Remove("OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY");
                context.EnvironmentVariables["OTEL_EXPORTER_OTLP_TIMEOUT"] = "2000";
                // Every second from a dozen processes is more than the dashboard needs to draw its charts.
                context.EnvironmentVariables["OTEL_METRIC_EXPORT_INTERVAL"] = "5000";
                if (!settings.ExportTelemetry)
                {
                    // Nothing receives it (a test system without the dashboard): recording spans and metrics and failing
                    // to send them cost each idle process a third of its CPU (docs/benchmarks.md).
                    context.EnvironmentVariables["OTEL_SDK_DISABLED"] = "true";
                }
            })
            .WithRestartOnCrash()
            .WithLivenessProbe(settings.Liveness);

    /// <summary>
    /// A service with its own database on the shared PostgreSQL and the broker. Its migrations are a step of their own,
    /// <c>{name}-migrations</c>: the same project run once with <c>Database:Migrations=only</c> as the database's owner
    /// role, which the service waits for; the service itself then runs as the runtime role, which owns nothing, and
    /// never holds the owner's login (both roles are provisioned before PostgreSQL reports healthy). Runs
    /// <see cref="AppHostSettings.ReplicasOf"/> processes: its endpoints are proxied, so callers reach one address that
    /// spreads connections over them, and each process listens on a port of its own.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddBillingOneService<TProject>(
        this IDistributedApplicationBuilder builder, string name, AppHostSettings settings, Servers servers)
        where TProject : IProjectMetadata, new()
    {
        var database = servers.AddDatabase(DatabaseName(name));
        var migrations = builder.AddProject<TProject>(MigrationsOf(name), launchProfileName: null)
            .WithBuiltProgram()
            .WithArgs($"--{DatabaseMigrationsKey}=only")
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", builder.Environment.EnvironmentName)
            .WithEnvironment("Security__InternalTokenSigningKey", settings.Secrets.InternalTokenSigningKey)
            .WithEnvironment($"ConnectionStrings__{name}db", database.Runtime)
            .WithEnvironment($"ConnectionStrings__{name}db-migrations", database.Owner)
            // Read with the rest of the service's configuration; the step never connects to it.
            .WithReference(servers.RabbitMq)
            // Started with the server, not once it is healthy: the step waits for its login itself (DatabaseMigrations),
            // so its own start-up overlaps the server's and the provisioning of its database.
            .WaitForStart(servers.Postgres);
        return builder.AddBillingOneProject<TProject>(name, settings)
            .WithReplicas(settings.ReplicasOf(name))
            .WithEnvironment($"ConnectionStrings__{name}db", database.Runtime)
            .WithEnvironment("DataProtection__KeyEncryptionKey", settings.Secrets.KeyEncryptionKey)
            .WithEnvironment(DatabaseMigrationsKey.Replace(":", "__", StringComparison.Ordinal), "external")
            .WithReferenceRelationship(servers.Postgres)
            .WithReference(servers.RabbitMq)
            .WaitFor(servers.Postgres)
            // Started with the broker, not once it is healthy: its boot takes longer than the migrations, so the
            // service's own start-up overlaps it; the bus connects as soon as it can and readiness waits for it.
            .WaitForStart(servers.RabbitMq)
            .WaitForCompletion(migrations);
    }

    /// <summary>The name of a service's own database on the shared server.</summary>
    public static string DatabaseName(string service) => $"billingone_{service}";

    /// <summary>The name of a service's migration step.</summary>
    public static string MigrationsOf(string service) => $"{service}-migrations";

    // BuildingBlocks' MigrationModes.Key; the AppHost references no service library.
    private const string DatabaseMigrationsKey = "Database:Migrations";

    /// <summary>
    /// A second, HTTP/2-only endpoint for gRPC: Kestrel cannot serve cleartext HTTP/1.1 and HTTP/2 on one port.
    /// Both endpoints are then named Kestrel endpoints, as the services' configuration expects.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithGrpcEndpoint(this IResourceBuilder<ProjectResource> project, int? port = null)
    {
        project.WithHttpEndpoint(port: port, targetPort: port, name: GrpcEndpointName, isProxied: port is null);
        var http = project.GetEndpoint("http");
        var grpc = project.GetEndpoint(GrpcEndpointName);
        return project.WithEnvironment(context =>
        {
            context.EnvironmentVariables.Remove("ASPNETCORE_URLS");
            context.EnvironmentVariables["Kestrel__Endpoints__http__Url"] =
                ReferenceExpression.Create($"http://localhost:{http.Property(EndpointProperty.TargetPort)}");
            context.EnvironmentVariables[$"Kestrel__Endpoints__{GrpcEndpointName}__Url"] =
                ReferenceExpression.Create($"http://localhost:{grpc.Property(EndpointProperty.TargetPort)}");
            context.EnvironmentVariables[$"Kestrel__Endpoints__{GrpcEndpointName}__Protocols"] = "Http2";
        });
    }
}
