using Microsoft.AspNetCore.Routing.Matching;

namespace BillingOne.Gateway.Routing;

/// <summary>Endpoint metadata: the endpoint matches gRPC calls only (<see cref="GrpcRequest.IsGrpc"/>).</summary>
public sealed class GrpcRequestsOnly
{
    public static readonly GrpcRequestsOnly Instance = new();

    private GrpcRequestsOnly()
    {
    }
}

/// <summary>
/// Lets an endpoint marked <see cref="GrpcRequestsOnly"/> match gRPC calls only, by content type, as the proxy's gRPC
/// routes do with their header match (which YARP keeps to its own routes).
/// </summary>
public sealed class GrpcRequestMatcherPolicy : MatcherPolicy, IEndpointSelectorPolicy
{
    public override int Order => 0;

    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints) =>
        endpoints.Any(endpoint => endpoint.Metadata.GetMetadata<GrpcRequestsOnly>() is not null);

    public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
    {
        if (httpContext.Request.IsGrpc())
        {
            return Task.CompletedTask;
        }

        for (var i = 0; i < candidates.Count; i++)
        {
            if (candidates[i].Endpoint.Metadata.GetMetadata<GrpcRequestsOnly>() is not null)
            {
                candidates.SetValidity(i, false);
            }
        }
        return Task.CompletedTask;
    }
}
