using System.Net;
using Microsoft.Extensions.Primitives;
using Microsoft.Extensions.ServiceDiscovery;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.ServiceDiscovery;

namespace BillingOne.Gateway.ServiceDiscovery;

/// <summary>
/// Turns the logical cluster addresses of the proxy configuration (<c>http://subscription</c>,
/// <c>http://_grpc.ingestion</c>) into the instances service discovery knows about, e.g. from
/// <c>services__subscription__http__0</c> (Aspire's contract) or a DNS name in Kubernetes. YARP calls it again whenever
/// discovery signals a change, so a restarted service on a new port is picked up without restarting the gateway.
/// </summary>
public sealed partial class ServiceDiscoveryDestinationResolver(
    ServiceEndpointResolver endpointResolver,
    ILogger<ServiceDiscoveryDestinationResolver> logger) : IDestinationResolver
{
    public async ValueTask<ResolvedDestinationCollection> ResolveDestinationsAsync(
        IReadOnlyDictionary<string, DestinationConfig> destinations,
        CancellationToken cancellationToken)
    {
        var resolved = new Dictionary<string, DestinationConfig>(StringComparer.OrdinalIgnoreCase);
        var changeTokens = new List<IChangeToken>();

        foreach (var (destinationId, destination) in destinations)
        {
            var logicalAddress = new Uri(destination.Address, UriKind.Absolute);
            // Discovery looks services up by scheme and authority; the path, if any, is kept on every instance.
            var serviceName = logicalAddress.GetLeftPart(UriPartial.Authority);
            var endpoints = await endpointResolver.GetEndpointsAsync(serviceName, cancellationToken);
            changeTokens.Add(endpoints.ChangeToken);

            if (endpoints.Endpoints.Count == 0)
            {
                LogNoInstances(logger, serviceName);
            }

            foreach (var endpoint in endpoints.Endpoints)
            {
                var instanceAddress = ToInstanceAddress(logicalAddress, endpoint.EndPoint);
                // Active health checks, when a cluster turns them on, must probe the same instance.
                var instanceHealth = destination.Health is { Length: > 0 } health
                    ? ToInstanceAddress(new Uri(health, UriKind.Absolute), endpoint.EndPoint).AbsoluteUri
                    : destination.Health;
                // One destination per instance, named after the configured destination so logs and metrics still say
                // which logical destination it came from.
                resolved[$"{destinationId}@{instanceAddress.Authority}"] =
                    destination with { Address = instanceAddress.AbsoluteUri, Health = instanceHealth };
                LogResolved(logger, serviceName, instanceAddress.AbsoluteUri);
            }
        }

        return new ResolvedDestinationCollection(resolved, new CompositeChangeToken(changeTokens));
    }

    private static Uri ToInstanceAddress(Uri logicalAddress, EndPoint endPoint)
    {
        var address = new UriBuilder(logicalAddress);
        switch (endPoint)
        {
            case UriEndPoint uriEndPoint:
                address.Scheme = uriEndPoint.Uri.Scheme;
                address.Host = uriEndPoint.Uri.Host;
                address.Port = uriEndPoint.Uri.Port;
                break;
            case IPEndPoint ipEndPoint:
                address.Host = ipEndPoint.Address.ToString();
                address.Port = ipEndPoint.Port;
                break;
            case DnsEndPoint dnsEndPoint:
                address.Host = dnsEndPoint.Host;
                // A bare host name (Kubernetes service DNS) keeps the logical address's port, i.e. the scheme default.
                address.Port = dnsEndPoint.Port > 0 ? dnsEndPoint.Port : logicalAddress.Port;
                break;
            default:
                throw new InvalidOperationException(
                    $"Service discovery returned a '{endPoint.GetType().Name}' for '{logicalAddress}', which the gateway cannot forward to.");
        }

        return address.Uri;
    }

    [LoggerMessage(LogLevel.Warning, "Service discovery knows no instance of {ServiceName}; requests for it get 503 until one appears")]
    private static partial void LogNoInstances(ILogger logger, string serviceName);

    [LoggerMessage(LogLevel.Information, "Service {ServiceName} resolved to {InstanceAddress}")]
    private static partial void LogResolved(ILogger logger, string serviceName, string instanceAddress);
}
