using Microsoft.AspNetCore.Http;

namespace Microsoft.Extensions.Hosting;

public static class GrpcRequest
{
    /// <summary>A gRPC call (application/grpc, +proto, +json, or grpc-web).</summary>
    public static bool IsGrpc(this HttpRequest request) =>
        request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;
}
