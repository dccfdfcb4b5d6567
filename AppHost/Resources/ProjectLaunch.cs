namespace BillingOne.AppHost.Resources;

/// <summary>A project resolved for this run: its ports and the built assembly that will be launched.</summary>
public sealed record ProjectLaunch(
    ProjectDefinition Definition, int Port, int? GrpcPort, string ProjectDirectoryPath, string AssemblyPath)
{
    public string Name => Definition.Name;

    /// <summary>Children listen on loopback only: the AppHost is a development launcher.</summary>
    public Uri Endpoint => new($"http://127.0.0.1:{Port}/");

    /// <summary>The HTTP/2-only endpoint for gRPC, when the project has one.</summary>
    public Uri? GrpcEndpoint => GrpcPort is { } port ? new Uri($"http://127.0.0.1:{port}/") : null;

    public Uri HealthUri => new(Endpoint, "health");

    public IReadOnlyList<Uri> Urls => GrpcEndpoint is { } grpc ? [Endpoint, grpc] : [Endpoint];
}
