using System.Globalization;
using BillingOne.BuildingBlocks.Outages;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;

namespace BillingOne.BuildingBlocks.Grpc;

/// <summary>
/// Answers a failure a method did not turn into a status itself with a message without details; the exception goes
/// to the log only. PostgreSQL or RabbitMQ being unavailable is <c>UNAVAILABLE</c>, which gRPC clients retry, with the
/// standard <c>grpc-retry-pushback-ms</c> trailer saying when; a request message that cannot be read is
/// <c>INVALID_ARGUMENT</c>; anything else is <c>INTERNAL</c>. Without it gRPC
/// answers <c>UNKNOWN</c>, carrying the exception's text wherever detailed errors are on. A request with a NUL in a
/// string field is refused before the method runs.
/// </summary>
public sealed partial class SafeStatusInterceptor(ILogger<SafeStatusInterceptor> logger) : Interceptor
{
    public const string InternalErrorDetail = "The call failed on the server; it has been logged. Try again later.";

    /// <summary>The trailer gRPC's retry policy reads as the server's wish for the next attempt's delay.</summary>
    public const string RetryPushbackTrailer = "grpc-retry-pushback-ms";

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request,
        ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        RefuseNulText(request);
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
        RefuseNulText(request);
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

    /// <summary>A string field with a NUL is the caller's mistake: INVALID_ARGUMENT naming it, not a failed query.</summary>
    private static void RefuseNulText<TRequest>(TRequest request)
    {
        if (request is IMessage message && RequestTextFields.FirstWithNul(message) is { } field)
        {
            throw GrpcErrors.InvalidArgument(field, $"{field} must not contain NUL characters.");
        }
    }

    private RpcException Safe(Exception failure, ServerCallContext context)
    {
        // A call past its deadline can fail before its cancellation is signalled (a write to a stream the deadline
        // already completed): the deadline, not the server, ended it.
        if (context.Deadline <= DateTime.UtcNow)
        {
            return new RpcException(new Status(StatusCode.DeadlineExceeded, "The call's deadline passed."));
        }
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
        // What a stream's reader throws for a message it cannot read (a bad compressed flag, malformed protobuf) is
        // the caller's mistake, as it is when the library reads a single request before the method runs.
        if (failure is InvalidDataException or InvalidProtocolBufferException)
        {
            return new RpcException(new Status(StatusCode.InvalidArgument, MalformedRequestStatusMiddleware.UnreadableMessage));
        }
        LogCallFailed(failure, context.Method);
        return new RpcException(new Status(StatusCode.Internal, InternalErrorDetail));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "gRPC call {Method} failed")]
    private partial void LogCallFailed(Exception failure, string method);

    [LoggerMessage(Level = LogLevel.Warning, Message = "gRPC call {Method} answered UNAVAILABLE: infrastructure unavailable")]
    private partial void LogCallUnavailable(Exception failure, string method);
}
