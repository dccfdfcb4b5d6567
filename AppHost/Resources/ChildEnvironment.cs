using BillingOne.AppHost.Configuration;

namespace BillingOne.AppHost.Resources;

/// <summary>How a child reaches the shared servers: a connection string per database and the AMQP URI.</summary>
public sealed record InfrastructureConnections(Func<string, string> DatabaseConnectionString, Uri RabbitMqAmqpUri);

/// <summary>
/// The environment an Aspire AppHost would give a project, so services only read configuration and run
/// unchanged under a real Aspire AppHost: connection strings, service discovery for every resource, URLs,
/// environment name and OpenTelemetry settings; plus BillingOne's keys and, for the subscription service, the
/// demo organization's seed.
/// </summary>
public static class ChildEnvironment
{
    public static IReadOnlyDictionary<string, string?> For(
        ProjectLaunch project,
        IReadOnlyList<ProjectLaunch> allProjects,
        InfrastructureConnections connections,
        AppHostSecrets secrets,
        string environmentName,
        Uri? otlpEndpoint)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            // Inherited port settings (set in .NET container images) would compete with ASPNETCORE_URLS.
            ["ASPNETCORE_HTTP_PORTS"] = null,
            ["ASPNETCORE_HTTPS_PORTS"] = null,
            ["ASPNETCORE_ENVIRONMENT"] = environmentName,
            ["OTEL_SERVICE_NAME"] = project.Name,
            // Only when configured: otherwise an inherited endpoint would make every child export to it.
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlpEndpoint?.ToString(),
            // One line per log entry: the dashboard shows console output line by line. The options only bind
            // when the formatter is named.
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__Console__FormatterOptions__SingleLine"] = "true",
            // Gateway and services share the key of the internal token; the gateway signs, services check.
            ["Security__InternalTokenSigningKey"] = secrets.InternalTokenSigningKey,
        };
        if (project.Name == ProjectCatalog.Gateway)
        {
            // Only the gateway signs and reads web sessions.
            environment["Security__SessionSigningKey"] = secrets.SessionSigningKey;
        }
        if (project.Name == ProjectCatalog.Subscription)
        {
            // The subscription service owns users and API keys: it seeds the demo owner and admin key (idempotent).
            environment["Seed__Enabled"] = "true";
            environment["Seed__OwnerPassword"] = secrets.OwnerPassword;
            environment["Seed__AdminApiKey"] = secrets.AdminApiKey;
        }

        if (project.GrpcEndpoint is { } grpc)
        {
            // Named Kestrel endpoints replace ASPNETCORE_URLS (Kestrel would log that it ignores it), so a
            // project with a gRPC endpoint gets both of its endpoints by name, as Aspire does.
            environment["ASPNETCORE_URLS"] = null;
            environment["Kestrel__Endpoints__http__Url"] = Address(project.Endpoint);
            environment[$"Kestrel__Endpoints__{ProjectDefinition.GrpcEndpointName}__Url"] = Address(grpc);
            environment[$"Kestrel__Endpoints__{ProjectDefinition.GrpcEndpointName}__Protocols"] = "Http2";
        }
        else
        {
            environment["ASPNETCORE_URLS"] = Address(project.Endpoint);
        }

        if (project.Definition.HasDatabase)
        {
            environment[$"ConnectionStrings__{project.Definition.DatabaseConnectionName}"] =
                connections.DatabaseConnectionString(project.Definition.DatabaseName);
        }
        if (project.Definition.UsesMessaging)
        {
            environment["ConnectionStrings__rabbitmq"] = connections.RabbitMqAmqpUri.ToString();
        }
        foreach (var resource in allProjects)
        {
            environment[$"services__{resource.Name}__http__0"] = Address(resource.Endpoint);
            if (resource.GrpcEndpoint is { } resourceGrpc)
            {
                environment[$"services__{resource.Name}__{ProjectDefinition.GrpcEndpointName}__0"] = Address(resourceGrpc);
            }
        }
        return environment;
    }

    /// <summary>"http://127.0.0.1:5100": the form Aspire uses in URLs and service discovery.</summary>
    private static string Address(Uri endpoint) => endpoint.GetLeftPart(UriPartial.Authority);
}
