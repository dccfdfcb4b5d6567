using Yarp.ReverseProxy.Configuration;

namespace BillingOne.Gateway.RequestLimits;

/// <summary>
/// Rejects a proxy configuration whose body-limit metadata cannot be read, so a typo fails the gateway's start (or
/// the reload) instead of failing requests.
/// </summary>
public sealed class RouteBodyLimitValidator : IProxyConfigFilter
{
    public ValueTask<ClusterConfig> ConfigureClusterAsync(ClusterConfig cluster, CancellationToken cancel) =>
        ValueTask.FromResult(cluster);

    public ValueTask<RouteConfig> ConfigureRouteAsync(RouteConfig route, ClusterConfig? cluster, CancellationToken cancel)
    {
        RouteBodyLimit.For(route);
        return ValueTask.FromResult(route);
    }
}
