using BillingOne.Ingestion.Grpc;
using Grpc.Core;
using Microsoft.Extensions.Logging.Abstractions;

namespace BillingOne.Ingestion.Tests.Grpc;

[Trait("Category", "Unit")]
public class SafeStatusInterceptorTests
{
    private readonly SafeStatusInterceptor interceptor = new(NullLogger<SafeStatusInterceptor>.Instance);

    [Fact]
    public async Task An_unexpected_exception_becomes_internal_without_its_text()
    {
        var failure = await Should.ThrowAsync<RpcException>(() => HandleAsync(
            () => throw new InvalidOperationException("Npgsql: password authentication failed for user \"ingestion\"")));

        failure.StatusCode.ShouldBe(StatusCode.Internal);
        failure.Status.Detail.ShouldBe(SafeStatusInterceptor.InternalErrorDetail);
        failure.Status.DebugException.ShouldBeNull();
    }

    [Fact]
    public async Task A_status_the_service_chose_passes_unchanged()
    {
        var chosen = new RpcException(new Status(StatusCode.ResourceExhausted, "Too many readings."));

        (await Should.ThrowAsync<RpcException>(() => HandleAsync(() => throw chosen))).ShouldBeSameAs(chosen);
    }

    [Fact]
    public async Task A_cancelled_call_is_left_to_grpc()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() =>
            HandleAsync(() => throw new OperationCanceledException(cancelled.Token), cancelled.Token));
    }

    private Task<string> HandleAsync(Func<string> handler, CancellationToken cancellationToken = default) =>
        interceptor.ClientStreamingServerHandler<string, string>(null!, new CallContext(cancellationToken),
            (_, _) => Task.FromResult(handler()));

    /// <summary>Only what the interceptor reads: the method's name and the call's cancellation.</summary>
    private sealed class CallContext(CancellationToken cancellationToken) : ServerCallContext
    {
        protected override string MethodCore => "/billingone.ingestion.v1.UsageIngestion/IngestReadings";
        protected override CancellationToken CancellationTokenCore => cancellationToken;
        protected override string HostCore => throw new NotSupportedException();
        protected override string PeerCore => throw new NotSupportedException();
        protected override DateTime DeadlineCore => throw new NotSupportedException();
        protected override Metadata RequestHeadersCore => throw new NotSupportedException();
        protected override Metadata ResponseTrailersCore => throw new NotSupportedException();
        protected override Status StatusCore { get; set; }
        protected override WriteOptions? WriteOptionsCore { get; set; }
        protected override AuthContext AuthContextCore => throw new NotSupportedException();

        protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) =>
            throw new NotSupportedException();

        protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) =>
            throw new NotSupportedException();
    }
}
