using System.Globalization;
using BillingOne.Gateway.Routing;
using Yarp.ReverseProxy.Configuration;

namespace BillingOne.Gateway.RequestLimits;

/// <summary>Reads a route's own request-body limit from its metadata (<see cref="RouteMetadata.MaxRequestBodyBytes"/>).</summary>
public static class RouteBodyLimit
{
    /// <returns>The route's limit in bytes, or null when it uses the gateway default.</returns>
    /// <exception cref="InvalidOperationException">The metadata is not a positive whole number of bytes.</exception>
    public static long? For(RouteConfig route)
    {
        var value = route.Get(RouteMetadata.MaxRequestBodyBytes);
        if (value is null)
        {
            return null;
        }

        return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) && bytes > 0
            ? bytes
            : throw new InvalidOperationException(
                $"Route '{route.RouteId}': metadata '{RouteMetadata.MaxRequestBodyBytes}' must be a positive number of bytes, not '{value}'.");
    }
}
