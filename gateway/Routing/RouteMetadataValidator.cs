using BillingOne.Gateway.RequestLimits;
using Yarp.ReverseProxy.Configuration;

namespace BillingOne.Gateway.Routing;

/// <summary>
/// Rejects a proxy configuration whose route metadata the gateway cannot read, so a typo fails the gateway's start
/// (or the reload) instead of failing requests or, worse, opening a route.
/// </summary>
public sealed class RouteMetadataValidator : IProxyConfigFilter
{
    public ValueTask<ClusterConfig> ConfigureClusterAsync(ClusterConfig cluster, CancellationToken cancel) =>
        ValueTask.FromResult(cluster);

    public ValueTask<RouteConfig> ConfigureRouteAsync(RouteConfig route, ClusterConfig? cluster, CancellationToken cancel)
    {
        RouteBodyLimit.For(route);
        RouteAccess.IsAnonymous(route);
        return ValueTask.FromResult(route);
    }
}
