using Yarp.ReverseProxy.Configuration;

namespace BillingOne.Gateway.Routing;

/// <summary>
/// Keys the gateway reads from a route's <c>Metadata</c> in the <c>ReverseProxy</c> configuration, so what differs
/// between routes stays in configuration rather than in code.
/// </summary>
public static class RouteMetadata
{
    /// <summary>
    /// Largest request body, in bytes, the route accepts; overrides <see cref="GatewayOptions.MaxRequestBodyBytes"/>.
    /// </summary>
    public const string MaxRequestBodyBytes = "MaxRequestBodyBytes";

    /// <summary>
    /// Marks the route that serves a service's OpenAPI document; the value is the document's name in the API reference.
    /// </summary>
    public const string OpenApiDocument = "OpenApiDocument";

    /// <summary>
    /// <c>true</c> lets callers without credentials through (web UI, API documents, gRPC health). Every other route
    /// requires an API key or a session, so a route added without thinking about access is closed, not open.
    /// </summary>
    public const string Anonymous = "Anonymous";

    public static string? Get(this RouteConfig route, string key) =>
        route.Metadata is not null && route.Metadata.TryGetValue(key, out var value) ? value : null;
}
