using Grpc.Core;
using Grpc.Core.Interceptors;

namespace BillingOne.Ingestion.Grpc;

/// <summary>
/// Answers a failure the ingestion service did not turn into a status itself with <c>INTERNAL</c> and a message safe
/// to show partners; the exception goes to the log only. Without it gRPC answers <c>UNKNOWN</c>, carrying the
/// exception's text wherever detailed errors are on.
/// </summary>
public sealed partial class SafeStatusInterceptor(ILogger<SafeStatusInterceptor> logger) : Interceptor
{
    public const string InternalErrorDetail =
        "The call failed on the server. Send it again: readings it already stored come back as duplicates.";

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context,
        ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(requestStream, context);
        }
        // A status the service chose is already safe, and a call the client cancelled has no one to answer.
        catch (Exception failure) when (failure is not RpcException && !context.CancellationToken.IsCancellationRequested)
        {
            LogCallFailed(failure, context.Method);
            throw new RpcException(new Status(StatusCode.Internal, InternalErrorDetail));
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "gRPC call {Method} failed")]
    private partial void LogCallFailed(Exception failure, string method);
}
