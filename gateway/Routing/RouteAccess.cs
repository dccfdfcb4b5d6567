using Yarp.ReverseProxy.Configuration;

namespace BillingOne.Gateway.Routing;

/// <summary>Reads whether a route is open to callers without credentials (<see cref="RouteMetadata.Anonymous"/>).</summary>
public static class RouteAccess
{
    /// <exception cref="InvalidOperationException">The metadata is neither <c>true</c> nor <c>false</c>.</exception>
    public static bool IsAnonymous(RouteConfig route)
    {
        var value = route.Get(RouteMetadata.Anonymous);
        if (value is null)
        {
            return false;
        }

        return bool.TryParse(value, out var anonymous)
            ? anonymous
            : throw new InvalidOperationException(
                $"Route '{route.RouteId}': metadata '{RouteMetadata.Anonymous}' must be true or false, not '{value}'.");
    }
}
