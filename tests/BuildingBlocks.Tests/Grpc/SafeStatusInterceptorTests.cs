using BillingOne.BuildingBlocks.Grpc;
using BillingOne.BuildingBlocks.Outages;
using BillingOne.Testing;
using Grpc.Core;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Shouldly;

namespace BillingOne.BuildingBlocks.Tests.Grpc;

[Trait("Category", "Unit")]
public sealed class SafeStatusInterceptorTests
{
    private const string IngestMethod = "/billingone.ingestion.v1.UsageIngestion/IngestReadings";

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
    public async Task A_request_message_the_stream_cannot_read_is_invalid_argument_not_internal()
    {
        var failure = await Should.ThrowAsync<RpcException>(() => ClientStreamingAsync(
            () => throw new InvalidDataException("Unexpected compressed flag value in message header.")));

        failure.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        failure.Status.Detail.ShouldBe(MalformedRequestStatusMiddleware.UnreadableMessage);
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

    [Fact]
    public async Task A_failure_after_the_deadline_passed_is_deadline_exceeded_not_internal()
    {
        var failure = await Should.ThrowAsync<RpcException>(() => interceptor.UnaryServerHandler<string, string>(
            "request", new TestServerCallContext(IngestMethod, CancellationToken.None, DateTime.UtcNow.AddSeconds(-1)),
            (_, _) => throw new InvalidOperationException("Can't write the message because the request is complete.")));

        failure.StatusCode.ShouldBe(StatusCode.DeadlineExceeded);
        failure.Status.DebugException.ShouldBeNull();
    }

    private Task<string> ClientStreamingAsync(Func<string> handler, CancellationToken cancellationToken = default) =>
        interceptor.ClientStreamingServerHandler<string, string>(null!,
            new TestServerCallContext(IngestMethod, cancellationToken), (_, _) => Task.FromResult(handler()));

    private Task<string> UnaryAsync(Func<string> handler) =>
        interceptor.UnaryServerHandler<string, string>("request",
            new TestServerCallContext(IngestMethod, CancellationToken.None), (_, _) => Task.FromResult(handler()));
}
