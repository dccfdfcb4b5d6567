using Grpc.Core;

namespace BillingOne.Testing;

/// <summary>
/// A gRPC call's context for calling a handler or interceptor directly: only the method's name, the call's
/// cancellation, its deadline (none unless given) and its request headers (none unless given), which is all they read;
/// anything else throws, so a test learns when that changes.
/// </summary>
public sealed class TestServerCallContext(string method, CancellationToken cancellationToken, DateTime? deadline = null,
    Metadata? requestHeaders = null) : ServerCallContext
{
    protected override string MethodCore => method;
    protected override CancellationToken CancellationTokenCore => cancellationToken;
    protected override string HostCore => throw new NotSupportedException();
    protected override string PeerCore => throw new NotSupportedException();
    protected override DateTime DeadlineCore => deadline ?? DateTime.MaxValue;
    protected override Metadata RequestHeadersCore { get; } = requestHeaders ?? [];
    protected override Metadata ResponseTrailersCore => throw new NotSupportedException();
    protected override Status StatusCore { get; set; }
    protected override WriteOptions? WriteOptionsCore { get; set; }
    protected override AuthContext AuthContextCore => throw new NotSupportedException();

    protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) =>
        throw new NotSupportedException();

    protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) =>
        throw new NotSupportedException();
}
