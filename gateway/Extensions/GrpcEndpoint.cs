using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace BillingOne.Gateway.Extensions;

/// <summary>
/// Kestrel cannot serve HTTP/1.1 and cleartext HTTP/2 on one port: a cleartext endpoint that allows both always
/// speaks HTTP/1.1 (dotnet/aspnetcore#56984), while gRPC clients need HTTP/2 with prior knowledge. So the gateway
/// serves the same routes on a second endpoint: the Kestrel endpoint named <c>grpc</c> speaks HTTP/2 only. Its address
/// comes from configuration like any named endpoint (<c>Kestrel__Endpoints__grpc__Url</c>, next to
/// <c>Kestrel__Endpoints__http__Url</c>); with no named endpoints the gateway listens on ASPNETCORE_URLS, HTTP/1.1 only.
/// </summary>
public static class GrpcEndpoint
{
    public const string Name = "grpc";

    public static void AddGrpcEndpoint(this IHostApplicationBuilder builder) =>
        builder.Services.AddOptions<KestrelServerOptions>()
            .Configure(kestrel => kestrel
                .Configure(builder.Configuration.GetSection("Kestrel"), reloadOnChange: true)
                .Endpoint(Name, endpoint => endpoint.ListenOptions.Protocols = HttpProtocols.Http2));
}
