using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BillingOne.Hosting;

/// <summary>
/// A project's <c>/health</c>, asked over a new connection each time and given a few seconds. Aspire's own HTTP check
/// reuses pooled connections: through the endpoint proxy, a connection still open after the process behind it was
/// killed held the next checks until the client's 100 s timeout, so a restarted service stayed unhealthy on the
/// dashboard for minutes while its <c>/health</c> answered at once.
/// </summary>
public sealed class ServiceHealthCheck(EndpointReference endpoint, string path) : IHealthCheck
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private static readonly HttpClient Http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero })
    {
        Timeout = Timeout,
    };

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await Http.GetAsync(new Uri(new Uri(endpoint.Url), path), cancellationToken);
            return response.IsSuccessStatusCode
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"{path} answered {(int)response.StatusCode}.");
        }
        catch (Exception failure) when (failure is HttpRequestException or TaskCanceledException
                                        && !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"{path} did not answer.", failure);
        }
    }
}

public static class ServiceHealthCheckExtensions
{
    /// <summary>The project's <paramref name="path"/> on its http endpoint as its health check (<see cref="ServiceHealthCheck"/>).</summary>
    public static IResourceBuilder<ProjectResource> WithServiceHealthCheck(this IResourceBuilder<ProjectResource> project,
        string path)
    {
        var key = $"{project.Resource.Name}_service_health";
        var endpoint = project.GetEndpoint("http");
        project.ApplicationBuilder.Services.AddHealthChecks().AddCheck(key, new ServiceHealthCheck(endpoint, path));
        return project.WithHealthCheck(key);
    }
}
