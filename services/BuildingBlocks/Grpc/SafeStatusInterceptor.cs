using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;

namespace BillingOne.BuildingBlocks.Grpc;

/// <summary>
/// Answers a failure a unary or server-streaming method did not turn into a status itself with <c>INTERNAL</c> and a
/// message without details; the exception goes to the log only. Without it gRPC answers <c>UNKNOWN</c>, carrying the
/// exception's text wherever detailed errors are on.
/// </summary>
public sealed partial class SafeStatusInterceptor(ILogger<SafeStatusInterceptor> logger) : Interceptor
{
    public const string InternalErrorDetail = "The call failed on the server; it has been logged. Try again later.";

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
            throw Internal(failure, context);
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
            throw Internal(failure, context);
        }
    }

    private RpcException Internal(Exception failure, ServerCallContext context)
    {
        LogCallFailed(failure, context.Method);
        return new RpcException(new Status(StatusCode.Internal, InternalErrorDetail));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "gRPC call {Method} failed")]
    private partial void LogCallFailed(Exception failure, string method);
}
