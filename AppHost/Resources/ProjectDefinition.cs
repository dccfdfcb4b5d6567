namespace BillingOne.AppHost.Resources;

/// <summary>
/// A BillingOne project the AppHost launches from its build output
/// (<c>&lt;repo&gt;/&lt;ProjectDirectory&gt;/bin/&lt;Configuration&gt;/net10.0/&lt;AssemblyName&gt;.dll</c>).
/// A project that serves gRPC gets a second, HTTP/2-only endpoint named <c>grpc</c> on
/// <see cref="DefaultGrpcPort"/>: cleartext HTTP/1.1 and HTTP/2 cannot share one Kestrel port.
/// </summary>
public sealed record ProjectDefinition(
    string Name,
    string ProjectDirectory,
    string AssemblyName,
    int DefaultPort,
    bool HasDatabase,
    bool UsesMessaging,
    int? DefaultGrpcPort = null)
{
    public const string GrpcEndpointName = "grpc";

    /// <summary>The key of a port in <c>AppHost:Ports</c>: the project's name, or e.g. <c>ingestion-grpc</c>.</summary>
    public string GrpcPortName => $"{Name}-{GrpcEndpointName}";

    /// <summary>The connection string name the service reads (<c>ConnectionStrings:{name}db</c>).</summary>
    public string DatabaseConnectionName => $"{Name}db";

    /// <summary>Each service owns one database on the shared server.</summary>
    public string DatabaseName => $"billingone_{Name}";
}

/// <summary>Every project the AppHost runs, with the fixed default ports that keep the local URLs stable.</summary>
public static class ProjectCatalog
{
    public const string Gateway = "gateway";
    public const string Web = "web";
    public const string Subscription = "subscription";

    public static IReadOnlyList<ProjectDefinition> All { get; } =
    [
        new(Gateway, "gateway", "BillingOne.Gateway", 5100, HasDatabase: false, UsesMessaging: false, DefaultGrpcPort: 5104),
        new(Web, "services/Web", "BillingOne.Web", 5102, HasDatabase: false, UsesMessaging: false),
        new("sandbox", "services/Sandbox", "BillingOne.Sandbox", 5103, HasDatabase: false, UsesMessaging: false),
        new("ingestion", "services/Ingestion", "BillingOne.Ingestion", 5110, HasDatabase: true, UsesMessaging: true,
            DefaultGrpcPort: 5120),
        new(Subscription, "services/Subscription", "BillingOne.Subscription", 5111, HasDatabase: true, UsesMessaging: true),
        new("invoice", "services/Invoice", "BillingOne.Invoice", 5112, HasDatabase: true, UsesMessaging: true),
        new("reconciliation", "services/Reconciliation", "BillingOne.Reconciliation", 5113, HasDatabase: true, UsesMessaging: true),
        new("metering", "services/Metering", "BillingOne.Metering", 5114, HasDatabase: true, UsesMessaging: true),
        new("projection", "services/Projection", "BillingOne.Projection", 5115, HasDatabase: true, UsesMessaging: true),
    ];
}
