using BillingOne.Gateway.Routing;
using Scalar.AspNetCore;
using Yarp.ReverseProxy;

namespace BillingOne.Gateway.ApiDocs;

/// <summary>
/// The Scalar API reference at <c>/scalar</c>, listing every service document the proxy serves. The list is read from
/// the live proxy configuration on each request, so a route added to configuration shows up without a restart.
/// </summary>
public static class ApiReferenceEndpoints
{
    public static IEndpointConventionBuilder MapApiReference(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapScalarApiReference((options, context) =>
        {
            options.WithTitle("BillingOne API");
            var documents = context.RequestServices.GetRequiredService<IProxyStateLookup>().GetRoutes()
                .Select(route => (Name: route.Config.Get(RouteMetadata.OpenApiDocument), route.Config.Match.Path))
                .Where(document => document is { Name: not null, Path: not null })
                .OrderBy(document => document.Name, StringComparer.Ordinal);
            foreach (var (name, path) in documents)
            {
                options.AddDocument(name!, title: name, routePattern: path);
            }
        });
}
