using System.Net.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BillingOne.Gateway.Tests.Infrastructure;

/// <summary>The kinds of server the gateway forwards to in these tests.</summary>
public static class Backends
{
    public const string CorrelationHeader = "X-Correlation-Id";

    /// <summary>
    /// A service like ours: listens HTTP/1.1 (and HTTP/2 over TLS), answers every path with an <see cref="Echo"/>,
    /// echoes the correlation id as services do, and publishes its OpenAPI document at /openapi/v1.json.
    /// <paramref name="mapOwnEndpoints"/> adds endpoints of its own, e.g. the identity service's internal auth API.
    /// </summary>
    public static Task<TestBackend> StartServiceAsync(string service, Action<WebApplication>? mapOwnEndpoints = null) =>
        TestBackend.StartAsync(
            HttpProtocols.Http1AndHttp2,
            services => services.AddOpenApi(),
            app =>
            {
                app.MapOpenApi();
                app.MapGet($"/api/{service}/ping", () => "pong");
                mapOwnEndpoints?.Invoke(app);
                app.Map("/{**path}", (HttpRequest request) => EchoAsync(service, request.HttpContext));
            });

    /// <summary>The web UI: echoes pages and echoes messages on a WebSocket at /ws/echo, as Blazor Server needs.</summary>
    public static Task<TestBackend> StartWebAsync() =>
        TestBackend.StartAsync(
            HttpProtocols.Http1AndHttp2,
            _ => { },
            app =>
            {
                app.UseWebSockets();
                app.Map("/ws/echo", EchoWebSocketAsync);
                app.Map("/{**path}", (HttpRequest request) => EchoAsync("web", request.HttpContext));
            });

    /// <summary>
    /// A service's gRPC endpoint: HTTP/2 only, serving the standard grpc.health.v1 and reflection services,
    /// <see cref="AuthorizationProbe"/>, which tells what credentials a call arrived with, and the partner API's
    /// <see cref="PartnerApiProbe"/>, which also tells it is <paramref name="service"/>.
    /// </summary>
    public static Task<TestBackend> StartGrpcAsync(string service) =>
        TestBackend.StartAsync(
            HttpProtocols.Http2,
            services =>
            {
                services.AddGrpc();
                services.AddGrpcHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy());
                services.AddGrpcReflection();
                services.AddSingleton(new BackendName(service));
            },
            app =>
            {
                app.MapGrpcHealthChecksService();
                app.MapGrpcReflectionService();
                app.MapGrpcService<AuthorizationProbe>();
                app.MapGrpcService<PartnerApiProbe>();
            });

    private static async Task<Echo> EchoAsync(string service, HttpContext context)
    {
        var correlationId = context.Request.Headers[CorrelationHeader].ToString();
        context.Response.Headers[CorrelationHeader] = correlationId;

        long bodyBytes = 0;
        var buffer = new byte[81920];
        int read;
        while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
        {
            bodyBytes += read;
        }

        return new Echo(service, context.Request.Method, context.Request.Path.Value ?? "",
            context.Request.QueryString.Value ?? "", correlationId, context.Request.Protocol, bodyBytes,
            NullIfEmpty(context.Request.Headers.Authorization.ToString()),
            NullIfEmpty(context.Request.Headers["X-Api-Key"].ToString()),
            NullIfEmpty(context.Request.Headers["Idempotency-Key"].ToString()));
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private static async Task EchoWebSocketAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var buffer = new byte[4096];
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer, context.RequestAborted);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, context.RequestAborted);
                return;
            }

            await socket.SendAsync(buffer.AsMemory(0, received.Count), received.MessageType, received.EndOfMessage,
                context.RequestAborted);
        }
    }
}
