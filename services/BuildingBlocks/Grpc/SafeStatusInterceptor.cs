using System.Globalization;
using BillingOne.BuildingBlocks.Outages;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;

namespace BillingOne.BuildingBlocks.Grpc;

/// <summary>
/// Answers a failure a method did not turn into a status itself with a message without details; the exception goes
/// to the log only. PostgreSQL or RabbitMQ being unavailable is <c>UNAVAILABLE</c>, which gRPC clients retry, with the
/// standard <c>grpc-retry-pushback-ms</c> trailer saying when; anything else is <c>INTERNAL</c>. Without it gRPC
/// answers <c>UNKNOWN</c>, carrying the exception's text wherever detailed errors are on.
/// </summary>
public sealed partial class SafeStatusInterceptor(ILogger<SafeStatusInterceptor> logger) : Interceptor
{
    public const string InternalErrorDetail = "The call failed on the server; it has been logged. Try again later.";

    /// <summary>The trailer gRPC's retry policy reads as the server's wish for the next attempt's delay.</summary>
    public const string RetryPushbackTrailer = "grpc-retry-pushback-ms";

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request,
        ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        // A status the service chose is already safe, and a call the client cancelled has no one to answer.
        catch (Exception failure) when (failure is not RpcException && !context.CancellationToken.IsCancellationRequested)
        {
            throw Safe(failure, context);
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context,
        ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(requestStream, context);
        }
        catch (Exception failure) when (failure is not RpcException && !context.CancellationToken.IsCancellationRequested)
        {
            throw Safe(failure, context);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request,
        IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception failure) when (failure is not RpcException && !context.CancellationToken.IsCancellationRequested)
        {
            throw Safe(failure, context);
        }
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(requestStream, responseStream, context);
        }
        catch (Exception failure) when (failure is not RpcException && !context.CancellationToken.IsCancellationRequested)
        {
            throw Safe(failure, context);
        }
    }

    private RpcException Safe(Exception failure, ServerCallContext context)
    {
        if (InfrastructureOutage.IsOutage(failure))
        {
            LogCallUnavailable(failure, context.Method);
            var trailers = new Metadata
            {
                {
                    RetryPushbackTrailer,
                    ((long)InfrastructureOutage.RetryAfter.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)
                },
            };
            return new RpcException(new Status(StatusCode.Unavailable, InfrastructureOutage.Detail), trailers);
        }
        LogCallFailed(failure, context.Method);
        return new RpcException(new Status(StatusCode.Internal, InternalErrorDetail));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "gRPC call {Method} failed")]
    private partial void LogCallFailed(Exception failure, string method);

    [LoggerMessage(Level = LogLevel.Warning, Message = "gRPC call {Method} answered UNAVAILABLE: infrastructure unavailable")]
    private partial void LogCallUnavailable(Exception failure, string method);
}
