using BillingOne.BuildingBlocks.Grpc;
using BillingOne.BuildingBlocks.Outages;
using Grpc.Core;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Shouldly;

namespace BillingOne.BuildingBlocks.Tests.Grpc;

[Trait("Category", "Unit")]
public sealed class SafeStatusInterceptorTests
{
    private readonly SafeStatusInterceptor interceptor = new(NullLogger<SafeStatusInterceptor>.Instance);

    [Fact]
    public async Task An_unexpected_exception_becomes_internal_without_its_text()
    {
        var failure = await Should.ThrowAsync<RpcException>(() => ClientStreamingAsync(
            () => throw new InvalidOperationException("Npgsql: password authentication failed for user \"ingestion\"")));

        failure.StatusCode.ShouldBe(StatusCode.Internal);
        failure.Status.Detail.ShouldBe(SafeStatusInterceptor.InternalErrorDetail);
        failure.Status.DebugException.ShouldBeNull();
    }

    [Fact]
    public async Task The_database_out_of_reach_is_unavailable_with_a_retry_pushback_and_without_its_text()
    {
        var failure = await Should.ThrowAsync<RpcException>(() => UnaryAsync(() => throw new PostgresException(
            "terminating connection due to administrator command", "FATAL", "FATAL", "57P01")));

        failure.StatusCode.ShouldBe(StatusCode.Unavailable);
        failure.Status.Detail.ShouldBe(InfrastructureOutage.Detail);
        failure.Status.DebugException.ShouldBeNull();
        failure.Trailers.GetValue(SafeStatusInterceptor.RetryPushbackTrailer)
            .ShouldBe(((long)InfrastructureOutage.RetryAfter.TotalMilliseconds).ToString());
    }

    [Fact]
    public async Task A_status_the_service_chose_passes_unchanged()
    {
        var chosen = new RpcException(new Status(StatusCode.ResourceExhausted, "Too many readings."));

        (await Should.ThrowAsync<RpcException>(() => ClientStreamingAsync(() => throw chosen))).ShouldBeSameAs(chosen);
    }

    [Fact]
    public async Task A_cancelled_call_is_left_to_grpc()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() =>
            ClientStreamingAsync(() => throw new OperationCanceledException(cancelled.Token), cancelled.Token));
    }

    private Task<string> ClientStreamingAsync(Func<string> handler, CancellationToken cancellationToken = default) =>
        interceptor.ClientStreamingServerHandler<string, string>(null!, new CallContext(cancellationToken),
            (_, _) => Task.FromResult(handler()));

    private Task<string> UnaryAsync(Func<string> handler) =>
        interceptor.UnaryServerHandler<string, string>("request", new CallContext(CancellationToken.None),
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
